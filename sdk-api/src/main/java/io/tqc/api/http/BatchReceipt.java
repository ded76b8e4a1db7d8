package io.tqc.api.http;

import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code 202 Accepted} for a batch: {@code {"batch_id":"…","accepted":120,
 * "origin_code":"123456789"}}. The relay has durably recorded the batch when it sends this. Immutable.
 */
public final class BatchReceipt {
  private final String batchId;
  private final int accepted;
  private final String originCode;

  /**
   * A receipt for batch {@code batchId} of {@code accepted} messages, stamped with the first-sender
   * identification code {@code originCode} (최초 발신자 식별코드; {@code null} when the relay assigns none).
   */
  public BatchReceipt(String batchId, int accepted, String originCode) {
    if (batchId == null || batchId.isEmpty()) {
      throw new IllegalArgumentException("batchId must not be empty");
    }
    if (accepted < 1) {
      throw new IllegalArgumentException("accepted must be at least 1");
    }
    this.batchId = batchId;
    this.accepted = accepted;
    this.originCode = originCode;
  }

  /** The proof's batch id ({@code jti}). */
  public String batchId() {
    return batchId;
  }

  /** The number of messages accepted (all of the batch). */
  public int accepted() {
    return accepted;
  }

  /** The first-sender identification code stamped on the batch, or {@code null}. */
  public String originCode() {
    return originCode;
  }

  /** The receipt as compact JSON, UTF-8. */
  public byte[] toJsonBytes() {
    Map<String, Object> out = new LinkedHashMap<String, Object>();
    out.put("batch_id", batchId);
    out.put("accepted", accepted);
    out.put("origin_code", originCode);
    return Json.writeBytes(out);
  }

  /**
   * Reads a receipt.
   *
   * @throws ProblemFormatException the bytes are not a receipt (strict JSON, members of their types)
   */
  public static BatchReceipt parse(byte[] json) throws ProblemFormatException {
    try {
      JsonObject o = Json.parseObject(json == null ? new byte[0] : json);
      String origin = o.has("origin_code") && o.asMap().get("origin_code") == null ? null : o.optString("origin_code");
      return new BatchReceipt(o.string("batch_id"), (int) o.integer("accepted", 1, Integer.MAX_VALUE), origin);
    } catch (JsonException | IllegalArgumentException e) {
      throw new ProblemFormatException("not a batch receipt: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "BatchReceipt{" + batchId + ", accepted=" + accepted + ", origin=" + originCode + "}";
  }
}
