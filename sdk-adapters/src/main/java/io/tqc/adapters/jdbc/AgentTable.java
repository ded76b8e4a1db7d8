package io.tqc.adapters.jdbc;

import io.tqc.adapters.internal.Require;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a DB agent reads the messages it sends: the table, its columns, and the constant values a new
 * row needs (its "ready to send" status, its message type). Names are checked to be plain SQL
 * identifiers; values always go through bind parameters. Immutable.
 *
 * <p>{@link #daouEmTran()} is the common {@code em_tran} SMS table. Other agents are described with the
 * builder from their own schema manual; for example an agent table with a first-sender code column
 * such as U+ 메시지허브 agent's {@code KISA_ORIGCODE}:
 *
 * <pre>{@code
 * AgentTable kvMsg = new AgentTable.Builder("KV_MSG")      // names from your agent's schema manual
 *     .idColumn("MSG_SEQ").recipientColumn("PHONE").senderColumn("CALLBACK").textColumn("MSG")
 *     .sendTimeColumn("REQ_DATE").originCodeColumn("KISA_ORIGCODE")
 *     .constant("STATUS", "0")
 *     .build();
 * }</pre>
 */
public final class AgentTable {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private final String table;
  private final String idColumn;
  private final String idValueSql;
  private final String recipientColumn;
  private final String senderColumn;
  private final String textColumn;
  private final String sendTimeColumn;
  private final String originCodeColumn;
  private final String subjectColumn;
  private final List<String> imageColumns;
  private final Map<String, Object> constants;

  private AgentTable(Builder b) {
    this.table = identifier(b.table, "table");
    this.idColumn = identifier(b.idColumn, "idColumn");
    this.idValueSql = b.idValueSql;
    this.recipientColumn = identifier(b.recipientColumn, "recipientColumn");
    this.senderColumn = identifier(b.senderColumn, "senderColumn");
    this.textColumn = identifier(b.textColumn, "textColumn");
    this.sendTimeColumn = b.sendTimeColumn == null ? null : identifier(b.sendTimeColumn, "sendTimeColumn");
    this.originCodeColumn = b.originCodeColumn == null ? null : identifier(b.originCodeColumn, "originCodeColumn");
    this.subjectColumn = b.subjectColumn == null ? null : identifier(b.subjectColumn, "subjectColumn");
    List<String> images = new ArrayList<>();
    for (String column : b.imageColumns) {
      images.add(identifier(column, "imageColumns"));
    }
    this.imageColumns = Collections.unmodifiableList(images);
    this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(b.constants));
  }

  /**
   * The {@code em_tran} table of the Daou (비즈뿌리오) SMS agent: {@code tran_pr} (generated id),
   * {@code tran_phone}, {@code tran_callback}, {@code tran_msg}, {@code tran_date} (send time),
   * {@code tran_status = '1'} (ready) and {@code tran_type = 4} (SMS). This table has no first-sender
   * code column; the agent's operator configures the code on the agent itself.
   *
   * <p>Source: the agent's published insert examples, "SMS" (MSSQL, Oracle, MySQL), BizMsg/dbro3
   * {@code dispatch/sms.md} on GitHub (checked). On Oracle the id comes from a sequence: use
   * {@code daouEmTran().newBuilder().idValueSql("em_tran_pr.nextval").build()}.
   */
  public static AgentTable daouEmTran() {
    return new Builder("em_tran").idColumn("tran_pr").recipientColumn("tran_phone").senderColumn("tran_callback")
        .textColumn("tran_msg").sendTimeColumn("tran_date").constant("tran_status", "1").constant("tran_type", 4)
        .build();
  }

  private static String identifier(String name, String what) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " must be a plain SQL identifier (letters, digits, _; at most 64)");
    }
    return name;
  }

  /** The table name. */
  public String table() {
    return table;
  }

  /** The column of the row id the database generates (or {@link Builder#idValueSql} fills). */
  public String idColumn() {
    return idColumn;
  }

  /** The first-sender code column, or {@code null} when the table has none. */
  public String originCodeColumn() {
    return originCodeColumn;
  }

  /** The subject column of an LMS/MMS table, or {@code null}. */
  public String subjectColumn() {
    return subjectColumn;
  }

  /** The image (file reference) columns of an MMS table, in order; empty for none. */
  public List<String> imageColumns() {
    return imageColumns;
  }

  /** The insert statement for one message, with bind parameters in the order of {@link #bind}. */
  String insertSql() {
    StringBuilder columns = new StringBuilder();
    StringBuilder values = new StringBuilder();
    if (idValueSql != null) {
      columns.append(idColumn).append(", ");
      values.append(idValueSql).append(", ");
    }
    columns.append(recipientColumn).append(", ").append(senderColumn).append(", ").append(textColumn);
    values.append("?, ?, ?");
    if (sendTimeColumn != null) {
      columns.append(", ").append(sendTimeColumn);
      values.append(", ?");
    }
    if (originCodeColumn != null) {
      columns.append(", ").append(originCodeColumn);
      values.append(", ?");
    }
    if (subjectColumn != null) {
      columns.append(", ").append(subjectColumn);
      values.append(", ?");
    }
    for (String column : imageColumns) {
      columns.append(", ").append(column);
      values.append(", ?");
    }
    for (String column : constants.keySet()) {
      columns.append(", ").append(column);
      values.append(", ?");
    }
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
  }

  boolean hasSendTime() {
    return sendTimeColumn != null;
  }

  Map<String, Object> constants() {
    return constants;
  }

  /** A builder with this table's settings. */
  public Builder newBuilder() {
    Builder b = new Builder(table).idColumn(idColumn).idValueSql(idValueSql).recipientColumn(recipientColumn)
        .senderColumn(senderColumn).textColumn(textColumn).sendTimeColumn(sendTimeColumn)
        .originCodeColumn(originCodeColumn).subjectColumn(subjectColumn);
    b.imageColumns.addAll(imageColumns);
    b.constants.putAll(constants);
    return b;
  }

  @Override
  public String toString() {
    return "AgentTable{" + table + "}";
  }

  /** Builds an {@link AgentTable}. The table, id, recipient, sender and text columns are required. */
  public static final class Builder {
    private final String table;
    private String idColumn;
    private String idValueSql;
    private String recipientColumn;
    private String senderColumn;
    private String textColumn;
    private String sendTimeColumn;
    private String originCodeColumn;
    private String subjectColumn;
    private final List<String> imageColumns = new ArrayList<>();
    private final Map<String, Object> constants = new LinkedHashMap<>();

    /** A table named {@code table}. */
    public Builder(String table) {
      this.table = table;
    }

    /** The row id column. */
    public Builder idColumn(String idColumn) {
      this.idColumn = idColumn;
      return this;
    }

    /**
     * SQL that produces the id on insert (for example an Oracle sequence, {@code em_tran_pr.nextval});
     * by default the database generates it. Trusted configuration: it is written into the statement.
     */
    public Builder idValueSql(String idValueSql) {
      this.idValueSql = idValueSql;
      return this;
    }

    /** The recipient number column. */
    public Builder recipientColumn(String column) {
      this.recipientColumn = column;
      return this;
    }

    /** The sender (callback) number column. */
    public Builder senderColumn(String column) {
      this.senderColumn = column;
      return this;
    }

    /** The message text column. */
    public Builder textColumn(String column) {
      this.textColumn = column;
      return this;
    }

    /** The column of the time to send, or {@code null} for none. */
    public Builder sendTimeColumn(String column) {
      this.sendTimeColumn = column;
      return this;
    }

    /** The first-sender identification code column, or {@code null} when the table has none. */
    public Builder originCodeColumn(String column) {
      this.originCodeColumn = column;
      return this;
    }

    /** The subject column of an LMS/MMS table ({@link AgentBatch.Builder#subject}), or {@code null}. */
    public Builder subjectColumn(String column) {
      this.subjectColumn = column;
      return this;
    }

    /**
     * The columns of an MMS table that take the images' file references, in order (for example the
     * agent's file-path columns): a row gets the i-th image's reference in the i-th column, {@code NULL}
     * in the columns beyond its images. A batch with more images than columns is refused.
     */
    public Builder imageColumns(String... columns) {
      imageColumns.clear();
      for (String column : columns) {
        imageColumns.add(column);
      }
      return this;
    }

    /** A column every new row gets with {@code value} (a status, a message type). */
    public Builder constant(String column, Object value) {
      constants.put(identifier(column, "constant column"), Require.present(value, "value of " + column));
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException a required column is missing or a name is not a plain identifier
     */
    public AgentTable build() {
      Require.present(table, "table");
      return new AgentTable(this);
    }
  }
}
