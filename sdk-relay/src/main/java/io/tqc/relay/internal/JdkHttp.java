package io.tqc.relay.internal;

import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** One JSON GET with the JDK's HTTP client, bounded in time and size. For the screening services. */
public final class JdkHttp {
  private static final int MAX_ANSWER = 64 * 1024;

  private JdkHttp() {
  }

  /**
   * GETs {@code url} and parses the JSON object it answers with.
   *
   * @throws IOException on a connection failure, timeout, non-200 answer or malformed JSON (the
   *     message names the status, never the credential)
   */
  public static JsonObject getJson(URL url, String bearerToken, int timeoutMillis) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    try {
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setInstanceFollowRedirects(false);
      connection.setRequestProperty("Accept", "application/json");
      if (bearerToken != null) {
        connection.setRequestProperty("Authorization", "Bearer " + bearerToken);
      }
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException("the screening service answered HTTP " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (out.size() + n > MAX_ANSWER) {
            throw new IOException("the screening service's answer exceeds " + MAX_ANSWER + " bytes");
          }
          out.write(buffer, 0, n);
        }
        return Json.parseObject(out.toByteArray());
      } catch (Json.JsonException e) {
        throw new IOException("the screening service's answer is not the expected JSON: " + e.getMessage());
      }
    } finally {
      connection.disconnect();
    }
  }
}
