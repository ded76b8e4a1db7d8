package io.tqc.api.testing;

import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made JWS for tests that need headers or claims the production signers never write. */
public final class Jose {
  private Jose() {}

  /** An insertion-ordered map from alternating keys and values. */
  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Signs {@code header} and {@code claims} (serialized compactly) with {@code key}. */
  public static String sign(Map<String, Object> header, Map<String, Object> claims, SigningKey key) {
    return CompactJws.sign(header, claims, key::sign);
  }

  /** Signs raw header and payload text exactly as given (duplicates, odd numbers, anything). */
  public static String signRaw(String headerJson, String payloadJson, SigningKey key) {
    String input = b64(headerJson) + "." + b64(payloadJson);
    return input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Signs raw header and payload bytes exactly as given (even invalid UTF-8). */
  public static String signRaw(byte[] header, byte[] payload, SigningKey key) {
    String input = Base64Url.encode(header) + "." + Base64Url.encode(payload);
    return input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  /** base64url(UTF-8(text)), unpadded. */
  public static String b64(String text) {
    return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The decoded header (part 0) or payload (part 1) of a compact JWS, as text. */
  public static String part(String compact, int index) {
    return new String(java.util.Base64.getUrlDecoder().decode(compact.split("\\.")[index]),
        StandardCharsets.UTF_8);
  }
}
