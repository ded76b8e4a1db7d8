package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of {@code advertising-cases.json} through the default (the law's) policy. */
class ComplianceFixtureTest {
  private static final Instant NOON_KST = Instant.parse("2025-03-14T03:00:00Z");

  @TestFactory
  Stream<DynamicTest> everyFixtureCase_reportsExactlyItsExpectedViolations() throws Exception {
    JsonObject root = load("advertising-cases.json");
    Map<String, Object> defaults = ((JsonObject) root.asMap().get("defaults")).asMap();
    List<DynamicTest> tests = new ArrayList<>();
    for (Object item : root.array("cases")) {
      Map<String, Object> merged = new LinkedHashMap<>(defaults);
      merged.putAll(((JsonObject) item).asMap());
      tests.add(DynamicTest.dynamicTest((String) merged.get("name"), () -> runCase(merged)));
    }
    assertThat(tests).hasSizeGreaterThan(50);
    return tests.stream();
  }

  @SuppressWarnings("unchecked")
  private static void runCase(Map<String, Object> c) {
    Batch batch = batchOf(c);
    List<String> registered = (List<String>) c.get("registered");
    ComplianceReport report = CompliancePolicy.defaults().check(batch, registered, NOON_KST);

    List<String> actual = new ArrayList<>();
    for (Violation violation : report.violations()) {
      actual.add(violation.isBatchLevel() ? "batch:" + violation.code().code()
          : violation.messageIndex() + ":" + violation.code().code());
      assertThat(violation.warningOnly()).isFalse();
      assertThat(violation.detail()).doesNotContain("\n").matches(".+ \\[[^;\\]]+; [^\\]]+\\]");
    }
    List<String> expected = new ArrayList<>();
    for (Object code : (List<Object>) c.get("expect")) {
      String text = (String) code;
      expected.add(text.contains(":") ? text : "0:" + text);
    }
    assertThat(actual).as("%s", report.violations()).isEqualTo(expected);
    assertThat(report.isCompliant()).isEqualTo(expected.isEmpty());
    assertThat(report.messageCount()).isEqualTo(batch.messageCount());
    if (c.containsKey("class")) {
      assertThat(report.messageClass(0)).isEqualTo(MessageClass.valueOf((String) c.get("class")));
    }
  }

  @SuppressWarnings("unchecked")
  private static Batch batchOf(Map<String, Object> c) {
    Batch.Builder builder = new Batch.Builder()
        .senderNumber((String) c.get("sender_number"))
        .advertising((Boolean) c.get("advertising"))
        .sendAt(OffsetDateTime.parse((String) c.get("send_at")).toInstant());
    JsonObject advertiser = (JsonObject) c.get("advertiser");
    if (advertiser != null) {
      builder.advertiser((String) advertiser.asMap().get("name"), (String) advertiser.asMap().get("contact"));
    }
    if (c.containsKey("messages")) {
      for (Object item : (List<Object>) c.get("messages")) {
        Map<String, Object> m = ((JsonObject) item).asMap();
        builder.addMessage(new BatchMessage((String) m.get("to"), (String) m.get("text"),
            Boolean.TRUE.equals(m.get("night_consent"))));
      }
    } else {
      builder.addMessage(new BatchMessage((String) c.get("to"), (String) c.get("text"),
          Boolean.TRUE.equals(c.get("night_consent"))));
    }
    return builder.build();
  }

  static JsonObject load(String resource) throws IOException, Json.JsonException {
    try (InputStream in = ComplianceFixtureTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return Json.parseObject(in.readAllBytes());
    }
  }
}
