package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.compliance.Violation;
import io.tqc.client.RecipientOptedOutException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TqcCliReportTest {
  @Test
  void recipientOptedOut_listsEveryViolationOnOneLine_likeACompliance_refusal() {
    StringWriter err = new StringWriter();
    RecipientOptedOutException refusal = new RecipientOptedOutException(
        List.of(Violation.recipientOptedOut(1), Violation.recipientOptedOut(3)), new byte[] {'{', '}'}, 4);

    int code = TqcCli.report(refusal, new PrintWriter(err), false);

    assertThat(code).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("error: recipient_opted_out: 2 violations: messages[1] recipient_opted_out: ")
        .contains("; messages[3] recipient_opted_out: ").contains("수신거부");
  }
}
