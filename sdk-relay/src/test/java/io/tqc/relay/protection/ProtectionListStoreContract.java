package io.tqc.relay.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProtectionListStore} must have (in-memory, SQLite, PostgreSQL): extend
 * it and say how to open an empty store, how to reopen one (a restart) and how to open a second
 * handle on the same data (another node, or another connection).
 */
public abstract class ProtectionListStoreContract {
  protected static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  protected ProtectionListStore store;
  private final List<ProtectionListStore> others = new ArrayList<>();

  /** A new, empty store. */
  protected abstract ProtectionListStore openEmpty() throws Exception;

  /** The same store after a restart (closes {@code store} if it must). */
  protected abstract ProtectionListStore reopen(ProtectionListStore store) throws Exception;

  /** A second handle on the data of {@code store} (another node of a fleet; the same object for memory). */
  protected abstract ProtectionListStore another(ProtectionListStore store) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = openEmpty();
  }

  @AfterEach
  void closeStore() throws Exception {
    for (ProtectionListStore other : others) {
      if (other != store) {
        other.close();
      }
    }
    store.close();
  }

  static ListVersion draft(ListKind kind, String version, int refused) {
    return new ListVersion.Builder().kind(kind).version(version).publishedAt(NOW.minusSeconds(3600))
        .importedAt(NOW).refused(refused).build();
  }

  static Set<String> entries(ProtectionListStore store, ListVersion version) throws Exception {
    Set<String> out = new HashSet<>();
    assertThat(store.entries(version, out::add)).as("%s is in force", version).isTrue();
    return out;
  }

  @Test
  void put_isInForceAsAWhole_andReplacesOnlyItsOwnKind() throws Exception {
    ListVersion stolen = store.put(draft(ListKind.STOLEN, "KISA-1", 2), Arrays.asList("0212345678", "15881234"));
    ListVersion blocked = store.put(draft(ListKind.URL_BLOCKLIST, "feed-1", 0),
        Arrays.asList("evil.example", "https://bit.ly/3AbC", "evil.example"));
    assertThat(stolen.seq()).isPositive();
    assertThat(blocked.seq()).isGreaterThan(stolen.seq());
    assertThat(stolen.entries()).isEqualTo(2);
    assertThat(stolen.refused()).isEqualTo(2);
    assertThat(blocked.entries()).as("duplicates stored once").isEqualTo(2);
    assertThat(stolen.version()).isEqualTo("KISA-1");
    assertThat(stolen.publishedAt()).isEqualTo(NOW.minusSeconds(3600));
    assertThat(stolen.importedAt()).isEqualTo(NOW);
    assertThat(store.current()).extracting(ListVersion::kind).containsExactly(ListKind.STOLEN, ListKind.URL_BLOCKLIST);
    assertThat(entries(store, stolen)).containsExactlyInAnyOrder("0212345678", "15881234");

    ListVersion next = store.put(draft(ListKind.STOLEN, "KISA-2", 0), Arrays.asList("0311112222"));
    assertThat(next.seq()).isGreaterThan(blocked.seq());
    assertThat(store.current()).extracting(ListVersion::version).containsExactly("KISA-2", "feed-1");
    assertThat(entries(store, next)).as("replaced as a whole").containsExactly("0311112222");
    Set<String> none = new HashSet<>();
    assertThat(store.entries(stolen, none::add)).as("a replaced version is no longer readable").isFalse();
    assertThat(none).isEmpty();
    assertThat(entries(store, blocked)).containsExactlyInAnyOrder("evil.example", "https://bit.ly/3AbC");
  }

  @Test
  void history_isAppendOnlyOldestFirst_andEverythingSurvivesAReopen() throws Exception {
    store.put(draft(ListKind.TERMINATED, "v1", 0), Arrays.asList("0212345678"));
    store.put(draft(ListKind.URL_BLOCKLIST, "feed-1", 1), Arrays.asList("evil.example"));
    store.put(draft(ListKind.TERMINATED, "v2", 0), Arrays.asList("0311112222", "0311113333"));
    store = reopen(store);
    assertThat(store.history()).extracting(ListVersion::kind, ListVersion::version, ListVersion::entries)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ListKind.TERMINATED, "v1", 1),
            org.assertj.core.groups.Tuple.tuple(ListKind.URL_BLOCKLIST, "feed-1", 1),
            org.assertj.core.groups.Tuple.tuple(ListKind.TERMINATED, "v2", 2));
    List<ListVersion> current = store.current();
    assertThat(current).extracting(ListVersion::version).containsExactly("v2", "feed-1");
    assertThat(entries(store, current.get(0))).containsExactlyInAnyOrder("0311112222", "0311113333");
    assertThat(current.get(1).refused()).isEqualTo(1);
    ListVersion after = store.put(draft(ListKind.STOLEN, "k1", 0), Collections.<String>emptyList());
    assertThat(after.seq()).as("sequence keeps increasing after a restart").isGreaterThan(current.get(0).seq());
    assertThat(after.entries()).isZero();
    assertThat(entries(store, after)).isEmpty();
  }

  @Test
  void aVersionPutThroughOneHandle_isInForceThroughAnother() throws Exception {
    ProtectionListStore other = another(store);
    others.add(other);
    ListVersion put = store.put(draft(ListKind.URL_BLOCKLIST, "feed-9", 0), Arrays.asList("evil.example"));
    assertThat(other.current()).singleElement().satisfies(v -> {
      assertThat(v.seq()).isEqualTo(put.seq());
      assertThat(v.version()).isEqualTo("feed-9");
    });
    assertThat(entries(other, put)).containsExactly("evil.example");
    ListVersion back = other.put(draft(ListKind.URL_BLOCKLIST, "feed-10", 0), Arrays.asList("worse.example"));
    assertThat(back.seq()).isGreaterThan(put.seq());
    assertThat(store.current()).extracting(ListVersion::version).containsExactly("feed-10");
    assertThat(store.history()).extracting(ListVersion::version).containsExactly("feed-9", "feed-10");
  }

  @Test
  void aLargeList_isStoredInBatches_andReadBackWhole() throws Exception {
    final int size = 120_123; // not a multiple of any batch size: full batches and a remainder
    Iterable<String> numbers = () -> new Iterator<String>() {
      int next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public String next() {
        if (next >= size) {
          throw new NoSuchElementException();
        }
        return String.format("010%08d", next++);
      }
    };
    ListVersion put = store.put(draft(ListKind.STOLEN, "big", 0), numbers);
    assertThat(put.entries()).isEqualTo(size);
    final int[] count = {0};
    final boolean[] sawLast = {false};
    assertThat(store.entries(put, e -> {
      count[0]++;
      sawLast[0] |= e.equals(String.format("010%08d", size - 1));
    })).isTrue();
    assertThat(count[0]).isEqualTo(size);
    assertThat(sawLast[0]).isTrue();
  }

  @Test
  void aBadEntry_storesNothing() throws Exception {
    ListVersion first = store.put(draft(ListKind.STOLEN, "k1", 0), Arrays.asList("0212345678"));
    char[] huge = new char[ProtectionListStore.MAX_ENTRY_LENGTH + 1];
    Arrays.fill(huge, 'a');
    assertThatThrownBy(() -> store.put(draft(ListKind.STOLEN, "k2", 0), Arrays.asList("0311112222", "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(draft(ListKind.STOLEN, "k3", 0), Arrays.asList("0311112222", new String(huge))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(draft(ListKind.STOLEN, "k4", 0), Arrays.asList((String) null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.current()).extracting(ListVersion::version).containsExactly("k1");
    assertThat(store.history()).extracting(ListVersion::version).containsExactly("k1");
    assertThat(entries(store, first)).containsExactly("0212345678");
  }

  @Test
  void listVersion_refusesMissingOrInvalidValues() {
    assertThatThrownBy(() -> new ListVersion.Builder().version("v").publishedAt(NOW).importedAt(NOW).build())
        .hasMessageContaining("kind");
    assertThatThrownBy(() -> new ListVersion.Builder().kind(ListKind.STOLEN).version(" ").publishedAt(NOW)
        .importedAt(NOW).build()).hasMessageContaining("version");
    assertThatThrownBy(() -> new ListVersion.Builder().kind(ListKind.STOLEN).version("v").importedAt(NOW).build())
        .hasMessageContaining("publishedAt");
    assertThatThrownBy(() -> ListKind.of(SenderNumberStatus.State.VALID)).isInstanceOf(IllegalArgumentException.class);
  }
}
