package io.tqc.relay.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.relay.RelayException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SuppressionStore} must have (in-memory, SQLite, PostgreSQL): extend it
 * and say how to open an empty store and how to reopen one (a restart).
 */
public abstract class SuppressionStoreContract {
  protected static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  protected static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  protected static final String SHOP = "봄빛마트";

  protected SuppressionStore store;

  /** A new, empty store. */
  protected abstract SuppressionStore openEmpty() throws Exception;

  /** The same store after a restart (closes {@code store} if it must). */
  protected abstract SuppressionStore reopen(SuppressionStore store) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = openEmpty();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  @Test
  void optOut_isContained_andWithdrawalRemovesIt() throws Exception {
    Suppressions s = new Suppressions(SECRET, store);
    assertThat(s.optOut(SHOP, "01011112222", OptOutSource.MANUAL, NOW, null)).isTrue();
    assertThat(s.optOut(SHOP, "010-1111-2222", OptOutSource.WEB, NOW, null)).isFalse();
    s.optOut(SHOP, "01033334444", OptOutSource.WEB, NOW, null);
    assertThat(store.size()).isEqualTo(2);
    assertThat(s.suppressed(SHOP, Arrays.asList("01011112222", "01099998888", "010-3333-4444"))).containsExactly(0, 2);
    assertThat(s.suppressed("다른상점", Arrays.asList("01011112222"))).isEmpty();
    assertThat(s.withdraw(SHOP, "01033334444", NOW.plusSeconds(60))).isTrue();
    assertThat(s.withdraw(SHOP, "01033334444", NOW.plusSeconds(61))).isFalse();
    assertThat(s.suppressed(SHOP, Arrays.asList("01011112222", "01033334444"))).containsExactly(0);
    assertThat(store.size()).isEqualTo(1);
    // Opted out again after the withdrawal.
    assertThat(s.optOut(SHOP, "01033334444", OptOutSource.MANUAL, NOW.plusSeconds(120), null)).isTrue();
    assertThat(s.suppressed(SHOP, Arrays.asList("01033334444"))).containsExactly(0);
  }

  @Test
  void push_isIdempotentByEventId_andRefusesAReusedId() throws Exception {
    Suppressions s = new Suppressions(SECRET, store);
    assertThat(s.push("evt-1", SHOP, "01011112222", NOW, "080-123-4567")).isEqualTo(Suppressions.PushOutcome.RECORDED);
    assertThat(s.push("evt-1", SHOP, "01011112222", NOW, "080-123-4567")).isEqualTo(Suppressions.PushOutcome.DUPLICATE);
    assertThatThrownBy(() -> s.push("evt-1", SHOP, "01033334444", NOW, "080-123-4567"))
        .isInstanceOfSatisfying(RelayException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.EVENT_ID_CONFLICT));
    assertThat(s.suppressed(SHOP, Arrays.asList("01033334444"))).containsExactly(0);
    assertThat(s.push("evt-2", SHOP, "01011112222", NOW, null)).isEqualTo(Suppressions.PushOutcome.ALREADY_SUPPRESSED);
  }

  @Test
  void entriesHistoryAndEventIds_surviveAReopen() throws Exception {
    Suppressions s = new Suppressions(SECRET, store);
    s.optOut(SHOP, "01011112222", OptOutSource.ARS_080, NOW, "0801234567");
    s.push("evt-9", SHOP, "01033334444", NOW, null);
    s.withdraw(SHOP, "01033334444", NOW.plusSeconds(60));
    store = reopen(store);
    Suppressions again = new Suppressions(SECRET, store);
    assertThat(again.suppressed(SHOP, Arrays.asList("01011112222", "01033334444"))).containsExactly(0);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.history(0, 10)).extracting(SuppressionChange::action).containsExactly(
        SuppressionChange.Action.ADDED, SuppressionChange.Action.ADDED, SuppressionChange.Action.REMOVED);
    assertThat(store.history(0, 10)).extracting(SuppressionChange::eventId).containsExactly(null, "evt-9", null);
    long first = store.history(0, 1).get(0).seq();
    assertThat(store.history(first, 10)).hasSize(2);
    assertThat(again.push("evt-9", SHOP, "01033334444", NOW, null)).isEqualTo(Suppressions.PushOutcome.DUPLICATE);
  }
}
