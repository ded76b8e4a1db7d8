package io.tqc.examples.relay;

import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.testing.ResellerIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the reference relay (java.net.http, HTTP/1.1), as a reseller or operator would use it. */
final class RelayHttp {
  static final List<String> SENDERS = List.of("0212345678", "15881234");

  record Response(int status, HttpHeaders headers, String body) {
    JsonObject json() {
      try {
        return Json.parseObject(body);
      } catch (Json.JsonException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String code() {
      try {
        return json().string("code");
      } catch (Json.JsonException e) {
        throw new AssertionError("no code in " + body, e);
      }
    }

    String string(String member) {
      try {
        return json().string(member);
      } catch (Json.JsonException e) {
        throw new AssertionError("no " + member + " in " + body, e);
      }
    }

    /** The array {@code member} of objects, each as a map of its members. */
    List<Map<String, Object>> objects(String member) {
      List<Map<String, Object>> out = new java.util.ArrayList<>();
      for (Object item : (List<?>) json().asMap().get(member)) {
        out.add(((JsonObject) item).asMap());
      }
      return out;
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  final String base;
  final String adminToken;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  RelayHttp(String base, String adminToken) {
    this.base = base;
    this.adminToken = adminToken;
  }

  Response send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(response.statusCode(), response.headers(), response.body());
  }

  Response get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  Response postJson(String path, Object body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  Response admin(String path, Object body) throws Exception {
    return postJson(path, body, "Authorization", "Bearer " + adminToken);
  }

  Response adminGet(String path) throws Exception {
    return get(path, "Authorization", "Bearer " + adminToken);
  }

  Response suspend(ResellerId id, String reason) throws Exception {
    return admin("/v1/admin/resellers/" + id.value() + "/suspend", Map.of("reason", reason, "actor", "kim"));
  }

  Response reinstate(ResellerId id) throws Exception {
    return admin("/v1/admin/resellers/" + id.value() + "/reinstate", Map.of("reason", "cleared"));
  }

  Response revoke(ResellerId id) throws Exception {
    return admin("/v1/admin/resellers/" + id.value() + "/revoke", Map.of("reason", "fraud"));
  }

  Response token(String resellerId, String assertion) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reseller_id", resellerId);
    body.put("assertion", assertion);
    return postJson("/v1/token", body);
  }

  Response batch(String token, String proof, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/batches"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "TQC " + token);
    }
    if (proof != null) {
      request.header("TQC-Proof", proof);
    }
    return send(request);
  }

  /** A reseller the test controls: its id and key. */
  final class Reseller {
    final ResellerId id = ResellerIds.random();
    final SigningKey key = SigningKey.generate();
    final String issuer;
    final BatchProofSigner signer;

    Reseller(String issuer) {
      this.issuer = issuer;
      this.signer = new BatchProofSigner(key, issuer);
    }

    Response register(Map<String, Object> extra) throws Exception {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("reseller_id", id.formatted());
      body.put("name", "Reseller " + id);
      body.put("public_jwk", Json.parseObject(key.verificationKey().toJwk()));
      body.put("sender_numbers", SENDERS);
      body.put("origin_code", "123456789");
      body.putAll(extra);
      return admin("/v1/admin/resellers", body);
    }

    String assertion() {
      return ClientAssertion.create(key, id, issuer, Instant.now(), Duration.ofMinutes(1));
    }

    Response requestToken() throws Exception {
      return RelayHttp.this.token(id.value(), assertion());
    }

    String token() throws Exception {
      Response response = requestToken();
      if (response.status() != 200) {
        throw new AssertionError("token refused: " + response.body());
      }
      return response.string("token");
    }

    String proof(String token, byte[] body, int n) {
      return signer.sign(io.tqc.api.internal.Digests.sha256Base64Url(token), body, n, Instant.now()).compact();
    }

    Response send(String token, byte[] body, int n) throws Exception {
      return batch(token, proof(token, body, n), body);
    }

    Response send(String token) throws Exception {
      return send(token, body(SENDERS.get(0), 2), 2);
    }
  }

  Reseller reseller(String issuer) {
    return new Reseller(issuer);
  }

  static final String ADVERTISER = "테스트상점";
  static final String CONTACT = "02-1234-5678";

  /** A text that passes every compliance rule for {@link #advertising} batches. */
  static String compliantText(int i) {
    return "(광고)테스트상점 할인 안내 " + i + " 문의 02-1234-5678 무료거부 0801234567";
  }

  /** An advertising batch builder from {@code sender} declaring the test advertiser. */
  static io.tqc.api.batch.Batch.Builder advertising(String sender) {
    return new io.tqc.api.batch.Batch.Builder().senderNumber(sender).advertising(true).advertiser(ADVERTISER, CONTACT);
  }

  /**
   * A compliant advertising batch to distinct mobile numbers; every message carries night-time
   * consent, so it passes the relay's compliance check at any hour.
   */
  static byte[] body(String sender, int messages) {
    io.tqc.api.batch.Batch.Builder batch = advertising(sender);
    for (int i = 0; i < messages; i++) {
      batch.addMessage(new io.tqc.api.batch.BatchMessage(String.format("0101234%04d", i), compliantText(i), true));
    }
    return batch.build().toJsonBytes();
  }
}
