/**
 * Recipient protection at the relay: opt-out suppression ({@link io.tqc.relay.protection.Suppressions},
 * {@link io.tqc.relay.protection.SuppressionStore}), sender-number validity and stolen-number lists
 * ({@link io.tqc.relay.protection.SenderNumberCheck}, {@link io.tqc.relay.protection.SenderNumberLists},
 * {@link io.tqc.relay.protection.HttpSenderNumberCheck}), the run-time URL blocklist
 * ({@link io.tqc.relay.protection.UrlBlocklist}), the store both imported lists live in
 * ({@link io.tqc.relay.protection.ProtectionListStore}: memory, SQLite, or PostgreSQL shared by a
 * fleet) and external URL screening
 * ({@link io.tqc.relay.protection.UrlScreen}, {@link io.tqc.relay.protection.HttpUrlScreen}), plugged
 * into batch verification by {@link io.tqc.relay.protection.RecipientProtectionPolicy}. The link rules
 * that need no service (blocklist, shorteners, look-alikes) are in the shared compliance engine,
 * {@code io.tqc.api.compliance}. See docs/compliance.md and docs/relay-guide.md.
 */
package io.tqc.relay.protection;
