/**
 * SOLAPI (formerly CoolSMS) messages API v4: certified {@code send-many} requests at the OkHttp level.
 * See {@link io.tqc.adapters.solapi.SolapiAdapter}.
 */
package io.tqc.adapters.solapi;
