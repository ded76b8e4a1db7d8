/**
 * Implementation details of the TQC API (strict base64url, strict JSON, compact JWS).
 * Not part of the public API: these types may change in any release. Do not use them.
 */
package io.tqc.api.internal;
