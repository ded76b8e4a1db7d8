/**
 * Strict JSON for the examples (the reference relay's admin routes, the console and the {@code tqc}
 * CLI), built on Moshi's streaming reader and writer, so that no example needs the
 * library's internal JSON reader.
 *
 * <p>{@link io.tqc.examples.json.Json#parseObject(byte[])} reads a request body: RFC 8259 only,
 * well-formed UTF-8, object root, duplicate members and unpaired surrogates refused, nesting capped,
 * nothing after the value. {@link io.tqc.examples.json.JsonObject} reads members by type and every
 * failure is a {@link io.tqc.examples.json.JsonException} that names the member.
 */
package io.tqc.examples.json;
