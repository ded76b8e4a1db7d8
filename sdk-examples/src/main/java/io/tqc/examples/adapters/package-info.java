/**
 * A reseller whose bulk sends go out through a DB agent (the agent polls a table and sends what it
 * finds): {@link io.tqc.examples.adapters.AgentOutbox} writes each campaign into the agent's
 * {@code em_tran} table through {@code tqc-adapters}' {@code AgentTableWriter}, so only certified,
 * compliant batches ever reach the table, and every row keeps its token and proof beside it.
 * {@link io.tqc.examples.adapters.PhotoCampaign} sends a photo (MMS) campaign through NHN Cloud's
 * {@code /sender/ad-mms}, the image bound by its digest and the request certified once.
 */
package io.tqc.examples.adapters;
