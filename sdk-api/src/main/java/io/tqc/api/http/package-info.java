/**
 * The TQC wire contract, defined once: header names and their parsing ({@link TqcHeaders}), media
 * types ({@link MediaTypes}), RFC 9457 problem documents to and from bytes ({@link Problem}), the
 * {@code 202} batch receipt ({@link BatchReceipt}), the discovery document
 * ({@link RelayConfiguration}) and the server-sent-event framing of signed statuses
 * ({@link StatusEvents}).
 *
 * <p>The package depends on no HTTP library: the reseller client (OkHttp), the reference relay
 * (Javalin), a servlet filter or any other stack read and write the same bytes through it. A relay
 * operator serves the whole contract with {@code sdk-relay} and this package (see
 * docs/relay-guide.md).
 */
package io.tqc.api.http;
