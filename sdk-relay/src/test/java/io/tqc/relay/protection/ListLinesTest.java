package io.tqc.relay.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line format shared by the sender-number lists and the URL blocklist. */
class ListLinesTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void blankLinesAndComments_areSkipped_entriesTrimmed_andBadLinesNumberedWithoutTheirContent() {
    List<String> taken = new ArrayList<>();
    ListLines read = ListLines.read(Arrays.asList("  good-1 ", "", "# comment", null, "secret-bad", "good-2"), 10,
        "not an entry", entry -> {
          if (entry.contains("bad")) {
            return false;
          }
          return taken.add(entry);
        });
    assertThat(taken).containsExactly("good-1", "good-2");
    assertThat(read.refused).isEqualTo(1);
    assertThat(read.errors).containsExactly("line 5: not an entry");
  }

  @Test
  void everyBadLineIsCounted_butOnlyTheFirstOnesAreReported() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      lines.add("bad");
    }
    ListLines read = ListLines.read(lines, 3, "no", entry -> false);
    assertThat(read.refused).isEqualTo(7);
    assertThat(read.errors).containsExactly("line 1: no", "line 2: no", "line 3: no");
  }

  @Test
  void whatTheEntryThrows_endsTheImport() {
    assertThatThrownBy(() -> ListLines.read(Arrays.asList("a", "b"), 3, "no", entry -> {
      throw new IllegalArgumentException("at most 1 entry");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("at most 1 entry");
  }

  @Test
  void anImportNeedsAVersionOf1To64Characters_andBothTimes() {
    ListLines.checkVersion("v1", NOW, NOW);
    char[] long65 = new char[65];
    Arrays.fill(long65, 'v');
    for (Runnable bad : Arrays.<Runnable>asList(() -> ListLines.checkVersion(null, NOW, NOW),
        () -> ListLines.checkVersion("  ", NOW, NOW), () -> ListLines.checkVersion(new String(long65), NOW, NOW),
        () -> ListLines.checkVersion("v1", null, NOW), () -> ListLines.checkVersion("v1", NOW, null))) {
      assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("version (1-64 characters)");
    }
  }
}
