/** Implementation of the adapters. Not API: nothing outside this module may use it. */
package io.tqc.adapters.internal;
