package io.tqc.relay.store;

import io.tqc.api.TqcException;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.SanctionKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the relay's JDBC stores write and read the rows of their tables, once for every SQL dialect:
 * the SQLite stores of this module ({@link SqliteRelayStore}, {@link SqliteEnforcementStore}) and
 * the PostgreSQL fleet stores of {@code tqc-relay-postgres} use the same columns, in the same order,
 * with the same encodings (times as epoch milliseconds, certification expiry in epoch seconds, keys,
 * sender numbers and scope as JSON arrays of strings, enums by name). A store on another database
 * can use them too. Each {@code bind…} sets its columns from parameter {@code first} on; each reader
 * takes its columns from 1 in the order of the {@code …_COLUMNS} list. A row that does not decode is
 * an {@link IOException} naming the row, never its keys. Stateless.
 */
public final class JdbcRows {
  /** Reseller columns, in the order {@link #bindReseller} and {@link #reseller} use. */
  public static final String RESELLER_COLUMNS = "reseller_id, name, keys_json, sender_numbers_json, scope_json,"
      + " origin_code, cert_id, cert_expires_at, status_list_index, status, status_reason, seq, registered_at_ms";
  /** Accepted-batch (audit) columns, in the order {@link #auditRecord} reads. */
  public static final String AUDIT_COLUMNS = "batch_id, reseller_id, cert_id, origin_code, token_jti, proof,"
      + " body_digest, message_count, accepted_at_ms";
  /** Enforcement case columns, in the order {@link #bindCase} and {@link #enforcementCase} use. */
  public static final String CASE_COLUMNS =
      "case_id, reseller_id, state, version, report_count, opened_at_ms, updated_at_ms, sanction_id";
  /** Sanction columns, in the order {@link #bindSanction} and {@link #sanction} use. */
  public static final String SANCTION_COLUMNS = "sanction_id, case_id, reseller_id, kind, step, imposed_at_ms,"
      + " ends_at_ms, ended_at_ms, reduced_daily_quota, quota_until_ms, status_seq, actor, reason";

  private JdbcRows() {}

  /** Binds the 13 {@link #RESELLER_COLUMNS} from parameter {@code first}. */
  public static void bindReseller(PreparedStatement s, int first, Reseller r) throws SQLException {
    s.setString(first, r.id().value());
    bindResellerFields(s, first + 1, r);
  }

  /** Binds the 12 reseller columns after {@code reseller_id} ({@code name} … {@code registered_at_ms}) from {@code first}. */
  public static void bindResellerFields(PreparedStatement s, int first, Reseller r) throws SQLException {
    s.setString(first, r.name());
    s.setString(first + 1, keysJson(r.keys()));
    s.setString(first + 2, Json.write(r.senderNumbers()));
    s.setString(first + 3, Json.write(r.scope()));
    s.setString(first + 4, r.originCode());
    s.setString(first + 5, r.certificationId());
    s.setLong(first + 6, r.certificationExpiresAt().getEpochSecond());
    s.setInt(first + 7, r.statusListIndex());
    s.setString(first + 8, r.status().name());
    s.setString(first + 9, r.statusReason());
    s.setLong(first + 10, r.sequence());
    s.setLong(first + 11, r.registeredAt().toEpochMilli());
  }

  /**
   * The reseller in the current row ({@link #RESELLER_COLUMNS} from column 1).
   *
   * @throws IOException the row does not decode (names the reseller id)
   */
  public static Reseller reseller(ResultSet rs) throws SQLException, IOException {
    String id = rs.getString(1);
    try {
      List<VerificationKey> keys = new ArrayList<>();
      for (String jwk : stringList(rs.getString(3))) {
        keys.add(VerificationKey.fromJwk(jwk));
      }
      return new Reseller.Builder()
          .id(ResellerId.parse(id))
          .name(rs.getString(2))
          .keys(keys)
          .senderNumbers(stringList(rs.getString(4)))
          .scope(stringList(rs.getString(5)))
          .originCode(rs.getString(6))
          .certificationId(rs.getString(7))
          .certificationExpiresAt(Instant.ofEpochSecond(rs.getLong(8)))
          .statusListIndex(rs.getInt(9))
          .status(status(rs.getString(10)))
          .statusReason(rs.getString(11))
          .sequence(rs.getLong(12))
          .registeredAt(Instant.ofEpochMilli(rs.getLong(13)))
          .build();
    } catch (TqcException | JsonException | IllegalArgumentException e) {
      throw new IOException("reseller row " + id + " is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * The audit record in the current row ({@link #AUDIT_COLUMNS} from column 1).
   *
   * @throws IOException the row does not decode
   */
  public static AuditRecord auditRecord(ResultSet rs) throws SQLException, IOException {
    try {
      return new AuditRecord.Builder()
          .batchId(rs.getString(1))
          .resellerId(ResellerId.parse(rs.getString(2)))
          .certificationId(rs.getString(3))
          .originCode(rs.getString(4))
          .tokenId(rs.getString(5))
          .proof(rs.getString(6))
          .bodyDigest(rs.getString(7))
          .messageCount(rs.getInt(8))
          .acceptedAt(Instant.ofEpochMilli(rs.getLong(9)))
          .build();
    } catch (TqcException | IllegalArgumentException e) {
      throw new IOException("audit row is invalid: " + e.getMessage(), e);
    }
  }

  /** Binds the 8 {@link #CASE_COLUMNS} from parameter {@code first}. */
  public static void bindCase(PreparedStatement s, int first, Case c) throws SQLException {
    s.setString(first, c.id());
    s.setString(first + 1, c.resellerId().value());
    s.setString(first + 2, c.state().name());
    s.setLong(first + 3, c.version());
    s.setInt(first + 4, c.reportCount());
    s.setLong(first + 5, c.openedAt().toEpochMilli());
    s.setLong(first + 6, c.updatedAt().toEpochMilli());
    s.setString(first + 7, c.sanctionId());
  }

  /**
   * The case in the current row ({@link #CASE_COLUMNS} from column 1).
   *
   * @throws IOException the row does not decode (names the case id)
   */
  public static Case enforcementCase(ResultSet rs) throws SQLException, IOException {
    try {
      return new Case.Builder().id(rs.getString(1)).resellerId(resellerId(rs.getString(2)))
          .state(CaseState.valueOf(rs.getString(3))).version(rs.getLong(4)).reportCount(rs.getInt(5))
          .openedAt(Instant.ofEpochMilli(rs.getLong(6))).updatedAt(Instant.ofEpochMilli(rs.getLong(7)))
          .sanctionId(rs.getString(8)).build();
    } catch (IllegalArgumentException e) {
      throw new IOException("case row " + rs.getString(1) + " is invalid: " + e.getMessage(), e);
    }
  }

  /** Binds the 13 {@link #SANCTION_COLUMNS} from parameter {@code first} (no quota reduction: NULL). */
  public static void bindSanction(PreparedStatement s, int first, Sanction sanction) throws SQLException {
    s.setString(first, sanction.id());
    s.setString(first + 1, sanction.caseId());
    s.setString(first + 2, sanction.resellerId().value());
    s.setString(first + 3, sanction.kind().name());
    s.setInt(first + 4, sanction.step());
    s.setLong(first + 5, sanction.imposedAt().toEpochMilli());
    bindMillis(s, first + 6, sanction.endsAt());
    bindMillis(s, first + 7, sanction.endedAt());
    if (sanction.reducedDailyQuota() == QuotaLimits.UNLIMITED) {
      s.setNull(first + 8, Types.BIGINT);
    } else {
      s.setLong(first + 8, sanction.reducedDailyQuota());
    }
    bindMillis(s, first + 9, sanction.quotaUntil());
    s.setLong(first + 10, sanction.statusSequence());
    s.setString(first + 11, sanction.actor());
    s.setString(first + 12, sanction.reason());
  }

  /**
   * The sanction in the current row ({@link #SANCTION_COLUMNS} from column 1).
   *
   * @throws IOException the row does not decode (names the sanction id)
   */
  public static Sanction sanction(ResultSet rs) throws SQLException, IOException {
    try {
      long quota = rs.getLong(9);
      boolean noQuota = rs.wasNull();
      return new Sanction.Builder().id(rs.getString(1)).caseId(rs.getString(2))
          .resellerId(resellerId(rs.getString(3))).kind(SanctionKind.valueOf(rs.getString(4))).step(rs.getInt(5))
          .imposedAt(Instant.ofEpochMilli(rs.getLong(6))).endsAt(millis(rs, 7)).endedAt(millis(rs, 8))
          .reducedDailyQuota(noQuota ? QuotaLimits.UNLIMITED : quota, millis(rs, 10))
          .statusSequence(rs.getLong(11)).actor(rs.getString(12)).reason(rs.getString(13)).build();
    } catch (IllegalArgumentException e) {
      throw new IOException("sanction row " + rs.getString(1) + " is invalid: " + e.getMessage(), e);
    }
  }

  /** Binds {@code at} as epoch milliseconds, or NULL. */
  public static void bindMillis(PreparedStatement s, int i, Instant at) throws SQLException {
    if (at == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, at.toEpochMilli());
    }
  }

  /** Column {@code i} as an instant from epoch milliseconds, or {@code null} for NULL. */
  public static Instant millis(ResultSet rs, int i) throws SQLException {
    long ms = rs.getLong(i);
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }

  /**
   * A stored reseller id.
   *
   * @throws IOException it is not a valid reseller id
   */
  public static ResellerId resellerId(String id) throws IOException {
    try {
      return ResellerId.parse(id);
    } catch (TqcException e) {
      throw new IOException("stored reseller id is invalid", e);
    }
  }

  private static String keysJson(List<VerificationKey> keys) {
    List<String> jwks = new ArrayList<>();
    for (VerificationKey key : keys) {
      jwks.add(key.toJwk());
    }
    return Json.write(jwks);
  }

  private static List<String> stringList(String json) throws JsonException {
    Object parsed = Json.parse(json.getBytes(StandardCharsets.UTF_8));
    if (!(parsed instanceof List)) {
      throw new JsonException("not a JSON array");
    }
    List<String> out = new ArrayList<>();
    for (Object item : (List<?>) parsed) {
      if (!(item instanceof String)) {
        throw new JsonException("array holds a non-string");
      }
      out.add((String) item);
    }
    return Collections.unmodifiableList(out);
  }

  private static CertificationStatus status(String name) {
    CertificationStatus status = CertificationStatus.fromWire(name);
    if (status == null) {
      throw new IllegalArgumentException("unknown status " + name);
    }
    return status;
  }
}
