package io.tqc.relay.postgres.internal;

import io.tqc.api.TqcException;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reading and binding rows of the TQC tables. */
public final class Rows {
  /** Columns of {@code tqc_resellers} read by {@link #reseller}, in order. */
  public static final String RESELLER_COLUMNS = "reseller_id, name, keys_json, sender_numbers_json, scope_json,"
      + " origin_code, cert_id, cert_expires_at, status_list_index, status, status_reason, seq, registered_at_ms";
  /** Columns of {@code tqc_accepted_batches} read by {@link #audit}, in order. */
  public static final String AUDIT_COLUMNS = "batch_id, reseller_id, cert_id, origin_code, token_jti, proof,"
      + " body_digest, message_count, accepted_at_ms";

  private Rows() {}

  /** Binds the 13 reseller columns from parameter {@code first}. */
  public static void bindReseller(PreparedStatement s, int first, Reseller r) throws SQLException {
    s.setString(first, r.id().value());
    bindFields(s, first + 1, r);
  }

  /** Binds the 12 reseller columns after {@code reseller_id} (name … registered_at_ms) from {@code first}. */
  public static void bindFields(PreparedStatement s, int first, Reseller r) throws SQLException {
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

  private static String keysJson(List<VerificationKey> keys) {
    List<String> jwks = new ArrayList<>();
    for (VerificationKey key : keys) {
      jwks.add(key.toJwk());
    }
    return Json.write(jwks);
  }

  /** The reseller in the current row (columns {@link #RESELLER_COLUMNS} from 1). */
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

  /** The audit record in the current row (columns {@link #AUDIT_COLUMNS} from 1). */
  public static AuditRecord audit(ResultSet rs) throws SQLException, IOException {
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

  /** A history entry from columns seq, kind, status, reason, actor, at_ms. */
  public static HistoryEntry change(ResellerId id, ResultSet rs) throws SQLException, IOException {
    try {
      return new HistoryEntry(id, rs.getLong(1), HistoryEntry.Kind.valueOf(rs.getString(2)), status(rs.getString(3)),
          rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)));
    } catch (IllegalArgumentException e) {
      throw new IOException("history row of " + id + " is invalid: " + e.getMessage(), e);
    }
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
