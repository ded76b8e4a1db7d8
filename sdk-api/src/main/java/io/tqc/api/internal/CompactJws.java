package io.tqc.api.internal;

import io.tqc.api.internal.Json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A strictly parsed JWS compact serialization (RFC 7515 §7.1): exactly three unpadded base64url
 * parts, header and payload strict JSON objects. Parsing checks structure only; the caller checks
 * {@code alg}, {@code typ} and the signature. The signature's length is deliberately not checked
 * here: it is the algorithm's business, so that an {@code alg} of {@code none} (empty signature) or
 * {@code HS256} (32-byte MAC) is reported as a refused algorithm, not as a malformed structure.
 * A signature that is not 64 bytes never verifies as Ed25519.
 */
public final class CompactJws {
  /** Default size cap for tokens and proofs: 8 KiB. */
  public static final int MAX_LENGTH = 8 * 1024;

  private final JsonObject header;
  private final JsonObject payload;
  private final byte[] signingInput;
  private final byte[] signature;

  private CompactJws(JsonObject header, JsonObject payload, byte[] signingInput, byte[] signature) {
    this.header = header;
    this.payload = payload;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /** Parses {@code text}; throws with a detail naming the structural defect. */
  public static CompactJws parse(String text, int maxLength) throws JsonException {
    if (text == null || text.isEmpty()) {
      throw new JsonException("empty");
    }
    if (text.length() > maxLength) {
      throw new JsonException("longer than " + maxLength + " characters");
    }
    int firstDot = text.indexOf('.');
    int secondDot = firstDot < 0 ? -1 : text.indexOf('.', firstDot + 1);
    if (firstDot <= 0 || secondDot < 0 || text.indexOf('.', secondDot + 1) >= 0) {
      throw new JsonException("not three dot-separated parts");
    }
    byte[] headerBytes = Base64Url.decodeOrNull(text.subSequence(0, firstDot));
    byte[] payloadBytes = Base64Url.decodeOrNull(text.subSequence(firstDot + 1, secondDot));
    byte[] signature = Base64Url.decodeOrNull(text.subSequence(secondDot + 1, text.length()));
    if (headerBytes == null || payloadBytes == null || signature == null) {
      throw new JsonException("a part is not unpadded base64url");
    }
    JsonObject header;
    JsonObject payload;
    try {
      header = Json.parseObject(headerBytes);
    } catch (JsonException e) {
      throw new JsonException("header: " + e.getMessage());
    }
    try {
      payload = Json.parseObject(payloadBytes);
    } catch (JsonException e) {
      throw new JsonException("payload: " + e.getMessage());
    }
    byte[] signingInput = text.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
    return new CompactJws(header, payload, signingInput, signature);
  }

  /** Serializes and signs: {@code b64(header).b64(payload).b64(sign(...))}. */
  public static String sign(Map<String, Object> header, Map<String, Object> payload, Signer signer) {
    String input = Base64Url.encode(Json.writeBytes(header)) + "." + Base64Url.encode(Json.writeBytes(payload));
    byte[] signature = signer.sign(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64Url.encode(signature);
  }

  /** A signing function (keeps this class independent of the key types). */
  public interface Signer {
    /** Returns the signature of {@code input}. */
    byte[] sign(byte[] input);
  }

  public JsonObject header() {
    return header;
  }

  public JsonObject payload() {
    return payload;
  }

  /** The ASCII bytes of {@code header.payload}, the JWS signing input. */
  public byte[] signingInput() {
    return signingInput;
  }

  public byte[] signature() {
    return signature;
  }
}
