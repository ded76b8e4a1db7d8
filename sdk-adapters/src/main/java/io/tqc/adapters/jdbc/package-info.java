/**
 * DB agents (DB 연동 에이전트): a JDBC writer that inserts rows into an agent's send table only for
 * certified batches, and keeps each batch's token and proof beside them, keyed by the row id. See
 * {@link io.tqc.adapters.jdbc.AgentTableWriter}.
 */
package io.tqc.adapters.jdbc;
