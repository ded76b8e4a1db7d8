/**
 * Implementation details of the relay library: live registry, verification pipeline, caches,
 * key ring, audit writer and status publisher. Not part of the public API: these types may change
 * in any release. Do not use them.
 */
package io.tqc.relay.internal;
