/**
 * The reference relay server: the {@code sdk-relay} library behind the fixed TQC HTTP contract,
 * on Javalin (Jetty). Embed it with {@link io.tqc.examples.relay.RelayServer#start} or run it
 * with {@code tqc relay} (the one entry point; {@link io.tqc.examples.relay.RelayMain} forwards to
 * it). It shows correct use of the library; operators are
 * expected to run their own hardened HTTP stack (TLS, rate limits, admin API on an internal
 * interface) around {@code sdk-relay}.
 */
package io.tqc.examples.relay;
