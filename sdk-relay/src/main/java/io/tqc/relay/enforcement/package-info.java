/**
 * The enforcement loop's values: traceback of a spam report to the batch that carried it
 * ({@link io.tqc.relay.enforcement.SpamReport}, {@link io.tqc.relay.enforcement.Traceback}), the keyed
 * digests that make it possible without keeping recipients or texts ({@link
 * io.tqc.relay.enforcement.TracebackKey}, {@link io.tqc.relay.enforcement.Normalization}), cases and
 * their history, the sanction ladder and sanctions, and quotas. The operations are on {@link
 * io.tqc.relay.Enforcement}; storage is {@link io.tqc.relay.store.EnforcementStore}.
 */
package io.tqc.relay.enforcement;
