package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code tqc demo} runs in-process: exit 0, every step told, the temporary data directory gone. */
class DemoTest {
  @Test
  void demo_tellsEveryStepAndExitsZero() {
    CliTestSupport.Result result = CliTestSupport.run("demo");
    String out = result.out();

    assertThat(result.exitCode()).as(out + result.err()).isZero();
    assertThat(out).doesNotContain("DEMO FAILED");
    for (int step = 1; step <= Demo.STEPS; step++) {
      assertThat(out).contains("[" + step + "/" + Demo.STEPS + "]");
    }
    assertThat(out)
        .contains("124-81-00998 (주)예시문자", "02-1234-5678", "1588-1234", Demo.ORIGIN_CODE)
        .contains("token fetched (인증 토큰 발급)", "(cached: no token request)", "relay 202 Accepted, batch_id")
        .contains("불법스팸 전송 확인", "after the suspension was acknowledged  ← measured")
        .contains("the interceptor throws CertificationSuspendedException", "403 certification_suspended")
        .contains("(the suspended token was dropped for good)")
        .contains("401 batch_digest_mismatch", "409 batch_replayed")
        .contains("refused the next batch", "certification_revoked", "409 transition_not_allowed")
        .contains("suspension ack → client refusal (정지 전파 시간)", "relay statistics agree", "✓ Demo complete");
    Matcher jtis = Pattern.compile("token jti \\(토큰 ID\\)\\s+(\\S+) → (\\S+) ").matcher(out);
    assertThat(jtis.find()).isTrue();
    assertThat(jtis.group(1)).isNotEqualTo(jtis.group(2));
    Matcher data = Pattern.compile("data in (\\S+) \\(deleted at the end\\)").matcher(out);
    assertThat(data.find()).isTrue();
    assertThat(Files.exists(Paths.get(data.group(1)))).isFalse();
  }
}
