package io.tqc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the rule "every reason code sdk-api can produce has a test producing it": every
 * {@code ReasonCode.X} the main code of this module names must also be named by a test of this
 * module (which, by this module's conventions, asserts it through {@code Rejections}).
 */
class ReasonCodeCoverageTest {
  static final Pattern REFERENCE = Pattern.compile("ReasonCode\\.([A-Z][A-Z0-9_]+)");
  /** The codes issue 2 requires sdk-api to produce. */
  static final Set<ReasonCode> REQUIRED = EnumSet.of(
      ReasonCode.TOKEN_MALFORMED, ReasonCode.TOKEN_ALG_NOT_ALLOWED, ReasonCode.TOKEN_TYPE_INVALID,
      ReasonCode.TOKEN_KEY_UNKNOWN, ReasonCode.TOKEN_SIGNATURE_INVALID, ReasonCode.TOKEN_ISSUER_INVALID,
      ReasonCode.TOKEN_AUDIENCE_INVALID, ReasonCode.TOKEN_NOT_YET_VALID, ReasonCode.TOKEN_EXPIRED,
      ReasonCode.CERTIFICATION_EXPIRED, ReasonCode.PROOF_MALFORMED, ReasonCode.PROOF_ALG_NOT_ALLOWED,
      ReasonCode.PROOF_TYPE_INVALID, ReasonCode.PROOF_SIGNATURE_INVALID, ReasonCode.PROOF_AUDIENCE_INVALID,
      ReasonCode.PROOF_KEY_MISMATCH, ReasonCode.PROOF_STALE, ReasonCode.PROOF_TOKEN_MISMATCH,
      ReasonCode.BATCH_DIGEST_MISMATCH, ReasonCode.BATCH_COUNT_MISMATCH, ReasonCode.ASSERTION_INVALID,
      ReasonCode.STATUS_INVALID, ReasonCode.STATUS_LIST_INVALID, ReasonCode.RESELLER_ID_INVALID,
      ReasonCode.KEY_INVALID, ReasonCode.BATCH_MALFORMED, ReasonCode.BATCH_TOO_LARGE);

  @Test
  void everyCodeTheMainCodeProduces_isProducedByATest() throws IOException {
    // io.tqc.api.compliance (issue 6) is developed and tested on its own; its codes are its tests' business.
    Set<String> produced = references(Paths.get("src/main/java"),
        path -> !path.endsWith("ReasonCode.java") && !path.toString().replace('\\', '/').contains("/compliance/"));
    Set<String> tested = references(Paths.get("src/test/java"),
        path -> !path.endsWith(getClass().getSimpleName() + ".java"));

    assertThat(produced).isNotEmpty();
    assertThat(tested).containsAll(produced);
    assertThat(produced).containsAll(REQUIRED.stream().map(Enum::name).collect(Collectors.toList()));
  }

  static Set<String> references(Path root, java.util.function.Predicate<Path> include) throws IOException {
    Set<String> names = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).filter(include).collect(Collectors.toList());
    }
    for (Path file : files) {
      Matcher m = REFERENCE.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
