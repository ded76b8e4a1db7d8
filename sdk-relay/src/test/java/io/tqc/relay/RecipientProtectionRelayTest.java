package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static io.tqc.relay.RelayFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tqc.api.ReasonCode;
import io.tqc.api.compliance.RuleMode;
import io.tqc.api.compliance.Violation;
import io.tqc.relay.protection.InMemorySuppressionStore;
import io.tqc.relay.protection.OptOutSource;
import io.tqc.relay.protection.RecipientProtectionPolicy;
import io.tqc.relay.protection.ScreeningOptions;
import io.tqc.relay.protection.SenderNumberLists;
import io.tqc.relay.protection.SenderNumberStatus;
import io.tqc.relay.protection.Suppressions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recipient protection on the relay's batch path: opt-outs and sender-number lists, end to end. */
class RecipientProtectionRelayTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  final Suppressions suppressions = new Suppressions(SECRET, new InMemorySuppressionStore());
  final SenderNumberLists lists = new SenderNumberLists();
  RelayFixture fixture;

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  RelayFixture.Member start() throws Exception {
    RecipientProtectionPolicy policy = new RecipientProtectionPolicy.Builder()
        .suppressions(suppressions, RuleMode.ENFORCE)
        .senderNumberCheck(lists, ScreeningOptions.defaults())
        .build();
    fixture = new RelayFixture(b -> b.contentPolicy(policy));
    return fixture.register();
  }

  @Test
  void optOutAcknowledged_refusesTheNextBatch_listingTheMessages() throws Exception {
    RelayFixture.Member m = start();
    String token = m.token();
    assertThat(m.send(token, body(RelayFixture.SENDERS.get(0), 4))).isNotNull();
    // body() sends message i to 0101234000i
    assertThat(suppressions.optOut(RelayFixture.ADVERTISER, "010-1234-0001", OptOutSource.ARS_080,
        fixture.clock.instant(), "080-123-4567")).isTrue();
    assertThat(suppressions.optOut(RelayFixture.ADVERTISER, "01012340003", OptOutSource.WEB,
        fixture.clock.instant(), null)).isTrue();
    assertRefused(() -> m.send(token, body(RelayFixture.SENDERS.get(0), 4)), ReasonCode.RECIPIENT_OPTED_OUT)
        .satisfies(e -> assertThat(((RelayException) e).violations())
            .extracting(Violation::code, Violation::messageIndex)
            .containsExactly(tuple(ReasonCode.RECIPIENT_OPTED_OUT, 1), tuple(ReasonCode.RECIPIENT_OPTED_OUT, 3)));
  }

  @Test
  void control_withoutSuppression_theSameBatchIsAccepted() throws Exception {
    fixture = new RelayFixture(b -> b);
    RelayFixture.Member m = fixture.register();
    suppressions.optOut(RelayFixture.ADVERTISER, "01012340001", OptOutSource.MANUAL, fixture.clock.instant(), null);
    assertThat(m.send(m.token(), body(RelayFixture.SENDERS.get(0), 4))).isNotNull();
  }

  @Test
  void optOutFromAnotherAdvertiser_doesNotSuppress() throws Exception {
    RelayFixture.Member m = start();
    suppressions.optOut("다른상점", "01012340001", OptOutSource.MANUAL, fixture.clock.instant(), null);
    assertThat(m.send(m.token(), body(RelayFixture.SENDERS.get(0), 4))).isNotNull();
  }

  @Test
  void withdrawnOptOut_acceptsAgain() throws Exception {
    RelayFixture.Member m = start();
    String token = m.token();
    suppressions.optOut(RelayFixture.ADVERTISER, "01012340000", OptOutSource.MANUAL, fixture.clock.instant(), null);
    assertRefused(() -> m.send(token, body()), ReasonCode.RECIPIENT_OPTED_OUT);
    assertThat(suppressions.withdraw(RelayFixture.ADVERTISER, "01012340000", fixture.clock.instant())).isTrue();
    assertThat(m.send(token, body())).isNotNull();
  }

  @Test
  void stolenSenderNumber_isRefusedNamingTheListVersion() throws Exception {
    RelayFixture.Member m = start();
    lists.importList(SenderNumberStatus.State.STOLEN, "KISA-2026-12-01", Instant.parse("2026-12-01T00:00:00Z"),
        Arrays.asList("02-1234-5678"), fixture.clock.instant());
    assertRefused(() -> m.send(m.token(), body()), ReasonCode.SENDER_NUMBER_STOLEN)
        .satisfies(e -> assertThat(((RelayException) e).getMessage()).contains("KISA-2026-12-01"));
  }

  @Test
  void terminatedSenderNumber_isSenderNumberInvalid() throws Exception {
    RelayFixture.Member m = start();
    lists.importList(SenderNumberStatus.State.TERMINATED, "KTOA-20261201", Instant.parse("2026-12-01T00:00:00Z"),
        List.of("15881234"), fixture.clock.instant());
    assertThat(m.send(m.token(), body())).isNotNull(); // 02-1234-5678 is not on the list
    assertRefused(() -> m.send(m.token(), body("1588-1234", 2)), ReasonCode.SENDER_NUMBER_INVALID)
        .satisfies(e -> assertThat(((RelayException) e).getMessage()).contains("terminated", "KTOA-20261201"));
  }
}
