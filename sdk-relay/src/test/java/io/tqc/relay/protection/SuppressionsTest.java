package io.tqc.relay.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.relay.RelayException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionsTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  static final String SHOP = "봄빛마트";

  @TempDir
  Path dir;

  @Test
  void digest_isKeyedPerAdvertiserAndSecret() {
    Suppressions a = new Suppressions(SECRET, new InMemorySuppressionStore());
    byte[] other = SECRET.clone();
    other[0] ^= 1;
    Suppressions b = new Suppressions(other, new InMemorySuppressionStore());
    assertThat(a.digest(SHOP, "010-1234-5678")).hasSize(32).isEqualTo(a.digest("봄빛 마트", "01012345678"));
    assertThat(a.digest(SHOP, "01012345678")).isNotEqualTo(a.digest("다른상점", "01012345678"));
    assertThat(a.digest(SHOP, "01012345678")).isNotEqualTo(b.digest(SHOP, "01012345678"));
    assertThat(a.digest(SHOP, "02-1234-5678")).isNull();
  }

  @Test
  void suppressed_listsTheIndicesOfOptedOutRecipients() throws Exception {
    Suppressions s = new Suppressions(SECRET, new InMemorySuppressionStore());
    s.optOut(SHOP, "01011112222", OptOutSource.MANUAL, NOW, null);
    s.optOut(SHOP, "01033334444", OptOutSource.WEB, NOW, null);
    List<String> batch = Arrays.asList("01011112222", "01099998888", "not a number", "010-3333-4444");
    assertThat(s.suppressed(SHOP, batch)).containsExactly(0, 3);
    assertThat(s.suppressed("다른상점", batch)).isEmpty();
  }

  @Test
  void badInput_isATypedErrorThatNeverEchoesTheNumber() {
    Suppressions s = new Suppressions(SECRET, new InMemorySuppressionStore());
    assertThatThrownBy(() -> s.optOut(SHOP, "0212345678", OptOutSource.MANUAL, NOW, null))
        .isInstanceOfSatisfying(RelayException.class, e -> {
          assertThat(e.reason()).isEqualTo(ReasonCode.REQUEST_INVALID);
          assertThat(e.getMessage()).doesNotContain("0212345678");
        });
    assertThatThrownBy(() -> s.optOut(" ", "01011112222", OptOutSource.MANUAL, NOW, null))
        .isInstanceOf(RelayException.class);
    assertThatThrownBy(() -> s.optOut(SHOP, "01011112222", OptOutSource.ARS_080, NOW, "02-123-4567"))
        .isInstanceOf(RelayException.class).hasMessageContaining("080");
    assertThatThrownBy(() -> new Suppressions(new byte[16], new InMemorySuppressionStore()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void csvImport_reportsBadLinesAndRecordsEveryGoodOne() throws Exception {
    Suppressions s = new Suppressions(SECRET, new InMemorySuppressionStore());
    String csv = "number,source,opted_out_at,opt_out_number\n"
        + "010-1111-2222,080_ars,2026-11-30T10:00:00Z,080-123-4567\n"
        + "01033334444\n"
        + "0212345678\n"
        + "01055556666,fax\n"
        + "01077778888,web,yesterday\n"
        + "\"01099990000\"\n"
        + "01033334444,manual\n";
    Suppressions.BulkResult result = s.importCsv(SHOP, new StringReader(csv), NOW);
    assertThat(result.added()).isEqualTo(2);
    assertThat(result.alreadySuppressed()).isEqualTo(1);
    assertThat(result.errorCount()).isEqualTo(4);
    assertThat(result.errors()).containsExactly(
        "line 4: the number is not a valid Korean mobile number",
        "line 5: source must be 080_ars, manual or web",
        "line 6: opted_out_at must be an ISO-8601 instant such as 2026-12-01T09:00:00Z",
        "line 7: quoted fields are not supported");
    assertThat(String.join(" ", result.errors())).doesNotContain("0212345678");
    assertThat(s.suppressed(SHOP, Arrays.asList("01011112222", "01033334444"))).containsExactly(0, 1);
  }

  @Test
  void bulk_reportsBadItemsByIndex() throws Exception {
    Suppressions s = new Suppressions(SECRET, new InMemorySuppressionStore());
    Suppressions.BulkResult result = s.optOutAll(SHOP, Arrays.asList("01011112222", "nope", "01011112222"),
        OptOutSource.MANUAL, NOW, null);
    assertThat(result.added()).isEqualTo(1);
    assertThat(result.alreadySuppressed()).isEqualTo(1);
    assertThat(result.errors()).containsExactly("numbers[1] is not a valid Korean mobile number");
  }

  @Test
  void sqliteStore_survivesReopen_keepsNoNumbers_andItsHistoryIsAppendOnly() throws Exception {
    Path file = dir.resolve(SqliteSuppressionStore.FILE);
    try (SqliteSuppressionStore store = SqliteSuppressionStore.open(file)) {
      Suppressions s = new Suppressions(SECRET, store);
      s.optOut(SHOP, "01011112222", OptOutSource.ARS_080, NOW, "0801234567");
      s.push("evt-9", SHOP, "01033334444", NOW, null);
      s.withdraw(SHOP, "01033334444", NOW.plusSeconds(60));
    }
    try (SqliteSuppressionStore store = SqliteSuppressionStore.open(file)) {
      Suppressions s = new Suppressions(SECRET, store);
      assertThat(s.suppressed(SHOP, Arrays.asList("01011112222", "01033334444"))).containsExactly(0);
      assertThat(store.history(0, 10)).extracting(SuppressionChange::action).containsExactly(
          SuppressionChange.Action.ADDED, SuppressionChange.Action.ADDED, SuppressionChange.Action.REMOVED);
      assertThat(s.push("evt-9", SHOP, "01033334444", NOW, null)).isEqualTo(Suppressions.PushOutcome.DUPLICATE);
    }
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("01011112222", "1011112222");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("DELETE FROM suppression_history")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("UPDATE suppression_history SET action = 'X'"))
          .hasMessageContaining("append-only");
    }
  }
}
