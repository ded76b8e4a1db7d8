package io.tqc.examples.cli;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.key.KeySet;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.examples.json.Json;
import io.tqc.examples.json.JsonException;
import io.tqc.examples.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tqc token inspect|verify|fetch}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Inspect, verify or fetch certification tokens.",
    subcommands = {TokenCommand.Fetch.class, TokenCommand.Inspect.class, TokenCommand.Verify.class})
final class TokenCommand {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  /** {@code tqc token inspect TOKEN}: header and claims as JSON, times also in ISO-8601 KST. Does not verify. */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Print a token's header and claims as JSON (times also in ISO-8601, Asia/Seoul). Does NOT verify.")
  static final class Inspect implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOKEN", description = "A compact JWS.")
    String token;

    @Override
    public Integer call() throws Exception {
      String[] parts = token.trim().split("\\.", -1);
      if (parts.length != 3) {
        throw new TqcException(ReasonCode.TOKEN_MALFORMED, "a compact JWS has three dot-separated parts");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("header", decodePart(parts[0], "header"));
      JsonObject claims = decodePart(parts[1], "payload");
      out.put("claims", claims);
      out.put("times", times(claims));
      out.put("verified", false);
      spec.commandLine().getOut().println(Json.write(out));
      return TqcCli.EXIT_OK;
    }

    private static JsonObject decodePart(String part, String what) throws TqcException {
      byte[] bytes = base64UrlOrNull(part);
      if (bytes == null) {
        throw new TqcException(ReasonCode.TOKEN_MALFORMED, what + " is not unpadded base64url");
      }
      try {
        return Json.parseObject(bytes);
      } catch (JsonException e) {
        throw new TqcException(ReasonCode.TOKEN_MALFORMED, what + ": " + e.getMessage());
      }
    }
  }

  /** Unpadded base64url (RFC 7515 §2) decoded, or null if {@code text} is anything else. */
  static byte[] base64UrlOrNull(String text) {
    if (text.indexOf('=') >= 0) {
      return null;
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** NumericDate claims ({@code iat}, {@code nbf}, {@code exp}, {@code tqc.cert_exp}) as ISO-8601 in Asia/Seoul. */
  static Map<String, Object> times(JsonObject claims) {
    Map<String, Object> times = new LinkedHashMap<>();
    for (String name : new String[] {"iat", "nbf", "exp"}) {
      putTime(times, name, claims.asMap().get(name));
    }
    Object tqc = claims.asMap().get("tqc");
    if (tqc instanceof JsonObject) {
      putTime(times, "cert_exp", ((JsonObject) tqc).asMap().get("cert_exp"));
    }
    return times;
  }

  private static void putTime(Map<String, Object> times, String name, Object value) {
    if (value instanceof Long) {
      try {
        times.put(name, Instant.ofEpochSecond((Long) value).atZone(SEOUL).toOffsetDateTime().toString());
      } catch (java.time.DateTimeException e) {
        times.put(name, "out of range");
      }
    } else if (value instanceof Number) {
      times.put(name, "out of range");
    }
  }

  /** {@code tqc token verify --jwks FILE_OR_URL --issuer URI TOKEN}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verify a certification token against a relay JWKS. Exit 0 and the claims JSON, "
          + "or exit 1 with 'error: <reason_code>: <detail>'.")
  static final class Verify implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--jwks", required = true, paramLabel = "FILE_OR_URL", description = "The relay's JWKS: a file or an http(s) URL.")
    String jwks;

    @Option(names = "--issuer", required = true, paramLabel = "URI", description = "The relay id the token must be issued by.")
    String issuer;

    @Option(names = "--skew", paramLabel = "SECONDS", defaultValue = "30", description = "Clock skew allowed (default ${DEFAULT-VALUE}, max 300).")
    long skewSeconds;

    @Parameters(paramLabel = "TOKEN", description = "The compact token.")
    String token;

    @Override
    public Integer call() throws Exception {
      if (skewSeconds < 0 || skewSeconds > 300) {
        throw new CliException(TqcCli.EXIT_USAGE, "--skew must be 0..300 seconds");
      }
      KeySet keys = KeySet.parse(loadJwks(jwks));
      CertificationVerifier verifier = new CertificationVerifier.Builder()
          .relayId(issuer).keys(keys).clockSkew(Duration.ofSeconds(skewSeconds)).build();
      verifier.verifyToken(token.trim(), Instant.now());
      JsonObject claims = Json.parseObject(base64UrlOrNull(token.trim().split("\\.")[1]));
      spec.commandLine().getOut().println(Json.write(claims));
      return TqcCli.EXIT_OK;
    }
  }

  /** {@code tqc token fetch --relay URL --reseller-id ID --key FILE}: a fresh certification token, one line. */
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Fetch a fresh certification token (인증 토큰) from the relay with the reseller's key; "
          + "prints it on one line. A token is a secret: do not log it.")
  static final class Fetch implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ResellerOptions reseller;

    @Override
    public Integer call() throws Exception {
      try (RelayApi api = new RelayApi(reseller.relay, null)) {
        api.batchEndpoint(); // fails fast (exit 3) if the relay cannot be reached
        try (ClientSession session = reseller.open(api)) {
          String token = session.awaitToken(reseller.timeout()).compact();
          spec.commandLine().getOut().println(token);
        }
      }
      return TqcCli.EXIT_OK;
    }
  }

  /** Reads a JWKS from a file or an http(s) URL. */
  static String loadJwks(String fileOrUrl) throws Exception {
    if (fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://")) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> response;
      try {
        response = http.send(HttpRequest.newBuilder(URI.create(fileOrUrl)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        throw new CliException(TqcCli.EXIT_IO, "cannot fetch " + fileOrUrl + ": " + Files2.describe(e));
      }
      if (response.statusCode() != 200) {
        throw new CliException(TqcCli.EXIT_IO, "GET " + fileOrUrl + " answered " + response.statusCode());
      }
      return response.body();
    }
    return Files2.read(Path.of(fileOrUrl)); // a missing file is exit 3, like every file the CLI reads
  }
}
