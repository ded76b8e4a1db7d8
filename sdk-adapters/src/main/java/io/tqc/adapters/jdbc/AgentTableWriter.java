package io.tqc.adapters.jdbc;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderException.Outcome;
import io.tqc.adapters.internal.Certification;
import io.tqc.adapters.internal.Require;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes messages into a DB agent's send table only when TQC certifies them, and keeps each batch's
 * token and proof beside the rows, keyed by the row id, in the same transaction.
 *
 * <p>One {@link #write} is one transaction: first the certification (fail closed: refused batches write
 * nothing), then the evidence row in {@code tqc_certified_batch} ({@code batch_id}, {@code token},
 * {@code proof}, {@code batch_json}: the exact certified TQC document, {@code message_count},
 * {@code certified_at}), then each agent row and its link in {@code tqc_certified_row}
 * ({@code agent_table}, {@code row_id}, {@code batch_id}). The agent sees the rows only after the commit,
 * so it never sends a row without its certification. Non-advertising batches are checked for
 * mislabelling and written without evidence.
 *
 * <p>The evidence tables are created with {@link #createEvidenceTables()} (portable DDL: {@code VARCHAR}
 * and {@code INTEGER} only), or by the DBA from {@link #EVIDENCE_DDL}. The writer takes the operator's
 * {@link DataSource} and brings no pool of its own. Thread-safe.
 */
public final class AgentTableWriter {
  /** The provider's name in exceptions. */
  public static final String PROVIDER = "DB agent";
  /** The evidence tables' DDL. */
  public static final List<String> EVIDENCE_DDL = Collections.unmodifiableList(java.util.Arrays.asList(
      "CREATE TABLE IF NOT EXISTS tqc_certified_batch (batch_id VARCHAR(64) NOT NULL PRIMARY KEY, "
          + "token VARCHAR(8192) NOT NULL, proof VARCHAR(4096) NOT NULL, batch_json VARCHAR(4000000) NOT NULL, "
          + "message_count INTEGER NOT NULL, certified_at VARCHAR(40) NOT NULL)",
      "CREATE TABLE IF NOT EXISTS tqc_certified_row (agent_table VARCHAR(64) NOT NULL, row_id VARCHAR(64) NOT NULL, "
          + "batch_id VARCHAR(64) NOT NULL, PRIMARY KEY (agent_table, row_id))"));

  private final TqcClient tqc;
  private final DataSource dataSource;
  private final AgentTable table;
  private final Clock clock;

  private AgentTableWriter(Builder b) {
    this.tqc = Require.present(b.tqc, "tqc");
    this.dataSource = Require.present(b.dataSource, "dataSource");
    this.table = Require.present(b.table, "table");
    this.clock = b.clock;
  }

  /**
   * Creates the evidence tables if they do not exist.
   *
   * @throws SQLException the database refused the DDL
   */
  public void createEvidenceTables() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : EVIDENCE_DDL) {
        s.execute(ddl);
      }
    }
  }

  /**
   * Certifies {@code batch} (when it advertises) and writes its rows and evidence in one transaction.
   *
   * @throws TqcClientException TQC refuses the batch: nothing was written; the exception carries it
   * @throws ProviderException the database refused or failed: {@code RETRY_LATER} when the transaction
   *     was rolled back (nothing written), {@code UNKNOWN} when the commit itself failed
   */
  public AgentReceipt write(AgentBatch batch) throws TqcClientException, ProviderException {
    if (batch.subject() != null && table.subjectColumn() == null) {
      throw new IllegalArgumentException("the batch has a subject but " + table + " has no subject column");
    }
    if (batch.imageReferences().size() > table.imageColumns().size()) {
      throw new IllegalArgumentException("the batch has " + batch.imageReferences().size() + " images but " + table
          + " has " + table.imageColumns().size() + " image columns");
    }
    Certification cert = Certification.certifyBatch(tqc, clock, batch.toBatch());
    Instant sendAt = batch.sendAt() != null ? batch.sendAt() : clock.instant();
    Connection c = null;
    boolean committing = false;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(false);
      if (cert.checked != null) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO tqc_certified_batch (batch_id, token, proof, "
            + "batch_json, message_count, certified_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          p.setString(1, cert.checked.batchId());
          p.setString(2, cert.checked.token());
          p.setString(3, cert.checked.proofHeader());
          p.setString(4, new String(cert.body, StandardCharsets.UTF_8));
          p.setInt(5, cert.checked.messageCount());
          p.setString(6, cert.checked.issuedAt().toString());
          p.executeUpdate();
        }
      }
      List<String> rowIds = new ArrayList<>(batch.messageCount());
      try (PreparedStatement insert = c.prepareStatement(table.insertSql(), Statement.RETURN_GENERATED_KEYS);
          PreparedStatement link = c.prepareStatement(
              "INSERT INTO tqc_certified_row (agent_table, row_id, batch_id) VALUES (?, ?, ?)")) {
        for (String[] m : batch.messages()) {
          int i = 1;
          insert.setString(i++, m[0]);
          insert.setString(i++, batch.sender());
          insert.setString(i++, m[1]);
          if (table.hasSendTime()) {
            insert.setTimestamp(i++, Timestamp.from(sendAt));
          }
          if (table.originCodeColumn() != null) {
            insert.setString(i++, cert.originCode);
          }
          if (table.subjectColumn() != null) {
            insert.setString(i++, batch.subject());
          }
          List<String> references = batch.imageReferences();
          for (int j = 0; j < table.imageColumns().size(); j++) {
            insert.setString(i++, j < references.size() ? references.get(j) : null);
          }
          for (Map.Entry<String, Object> constant : table.constants().entrySet()) {
            insert.setObject(i++, constant.getValue());
          }
          insert.executeUpdate();
          String id;
          try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
              throw new SQLException("the database returned no id for the new row of " + table.table());
            }
            id = keys.getString(1);
          }
          rowIds.add(id);
          if (cert.checked != null) {
            link.setString(1, table.table());
            link.setString(2, id);
            link.setString(3, cert.checked.batchId());
            link.executeUpdate();
          }
        }
      }
      committing = true;
      c.commit();
      return new AgentReceipt(Collections.unmodifiableList(rowIds), cert.checked);
    } catch (SQLException e) {
      rollback(c);
      throw new ProviderException(PROVIDER, committing ? Outcome.UNKNOWN : Outcome.RETRY_LATER, 0, e.getSQLState(),
          (committing ? "the commit failed: the rows may or may not be there" : "rolled back, nothing written")
              + " (" + e.getClass().getSimpleName() + ", SQLState " + e.getSQLState() + ")",
          cert.checked, null, cert.body, e);
    } finally {
      close(c);
    }
  }

  private static void rollback(Connection c) {
    if (c != null) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // The connection is closed next; an open transaction is rolled back by the database.
      }
    }
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Nothing left to do with it.
      }
    }
  }

  @Override
  public String toString() {
    return "AgentTableWriter{" + table + "}";
  }

  /** Builds an {@link AgentTableWriter}; the TQC client, data source and table are required. */
  public static final class Builder {
    private TqcClient tqc;
    private DataSource dataSource;
    private AgentTable table;
    private Clock clock = Clock.systemUTC();

    /** The TQC client that certifies the batches. */
    public Builder tqc(TqcClient tqc) {
      this.tqc = tqc;
      return this;
    }

    /** The agent database (the writer borrows one connection per batch). */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** The agent's table. */
    public Builder table(AgentTable table) {
      this.table = table;
      return this;
    }

    /** The clock for the default send time and non-advertising checks (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Require.present(clock, "clock");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException a required setting is missing
     */
    public AgentTableWriter build() {
      return new AgentTableWriter(this);
    }
  }
}
