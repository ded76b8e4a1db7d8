package io.tqc.relay.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.compliance.Link;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sender-number lists and the URL blocklist on a store several nodes share: a version imported on
 * one node replaces the other nodes' snapshots within their poll interval (the control: a node on
 * its own store keeps its list), the blocklist survives a restart on a durable store (the control:
 * the in-memory one loses it), unchanged versions are not reloaded, and an older version never
 * replaces a newer one.
 */
class SharedProtectionListsTest {
  static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  static final Duration FAST = Duration.ofMillis(20);
  static final Link EVIL = Link.find("http://m.evil-parcel.xyz/a").get(0);

  @TempDir
  Path dir;
  final List<java.io.Closeable> open = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  <T extends java.io.Closeable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  SenderNumberLists senderLists(ProtectionListStore store) throws IOException {
    return track(new SenderNumberLists.Builder().store(store).pollInterval(FAST).open());
  }

  UrlBlocklist blocklist(ProtectionListStore store) throws IOException {
    return track(new UrlBlocklist.Builder().store(store).pollInterval(FAST).open());
  }

  @Test
  void senderListImportedOnOneNode_isEnforcedByTheOtherWithinThePollInterval() throws Exception {
    ProtectionListStore shared = new InMemoryProtectionListStore();
    SenderNumberLists nodeA = senderLists(shared);
    SenderNumberLists nodeB = senderLists(shared);
    SenderNumberLists local = senderLists(new InMemoryProtectionListStore());
    assertThat(nodeB.check("15881234").isValid()).isTrue();

    nodeA.importList(SenderNumberStatus.State.STOLEN, "KISA-7", NOW, Arrays.asList("1588-1234"), NOW);
    assertThat(nodeA.check("15881234").state()).as("in force where imported at once").isEqualTo(SenderNumberStatus.State.STOLEN);
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(nodeB.check("15881234").state()).isEqualTo(SenderNumberStatus.State.STOLEN));
    assertThat(nodeB.check("15881234").listVersion()).isEqualTo("KISA-7");
    assertThat(nodeB.current()).extracting(SenderNumberLists.ListImport::version).containsExactly("KISA-7");
    assertThat(nodeB.history()).extracting(SenderNumberLists.ListImport::version).containsExactly("KISA-7");

    // Control: a node on its own store refreshes (as its poller does) and still accepts the number.
    local.refresh();
    assertThat(local.check("15881234").isValid()).isTrue();
  }

  @Test
  void blocklistImportedOnOneNode_isEnforcedByTheOtherWithinThePollInterval() throws Exception {
    ProtectionListStore shared = new InMemoryProtectionListStore();
    UrlBlocklist nodeA = blocklist(shared);
    UrlBlocklist nodeB = blocklist(shared);
    UrlBlocklist local = blocklist(new InMemoryProtectionListStore());
    nodeA.importList("feed-1", NOW, Arrays.asList("evil-parcel.xyz", "not a host"), NOW);
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(nodeB.blockedBy(EVIL)).isEqualTo("evil-parcel.xyz"));
    assertThat(nodeB.current().version()).isEqualTo("feed-1");
    assertThat(nodeB.current().errorCount()).isEqualTo(1);
    local.refresh();
    assertThat(local.blockedBy(EVIL)).isNull();
    // A newer version on B replaces A's as a whole.
    nodeB.importList("feed-2", NOW, Arrays.asList("other.top"), NOW);
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nodeA.blockedBy(EVIL)).isNull());
    assertThat(nodeA.history()).extracting(UrlBlocklist.BlocklistImport::version).containsExactly("feed-1", "feed-2");
  }

  @Test
  void blocklistOnTheDataDirectoryStore_survivesARestart_andTheInMemoryOneDoesNot() throws Exception {
    Path file = dir.resolve(SqliteProtectionListStore.FILE);
    try (SqliteProtectionListStore store = SqliteProtectionListStore.open(file);
        UrlBlocklist list = new UrlBlocklist.Builder().store(store).pollInterval(Duration.ZERO).open()) {
      list.importList("feed-3", NOW, Arrays.asList("evil-parcel.xyz"), NOW);
    }
    try (SqliteProtectionListStore store = SqliteProtectionListStore.open(file);
        UrlBlocklist list = new UrlBlocklist.Builder().store(store).pollInterval(Duration.ZERO).open()) {
      assertThat(list.blockedBy(EVIL)).isEqualTo("evil-parcel.xyz");
      assertThat(list.current().version()).isEqualTo("feed-3");
    }
    try (UrlBlocklist memory = new UrlBlocklist()) {
      memory.importList("feed-3", NOW, Arrays.asList("evil-parcel.xyz"), NOW);
    }
    try (UrlBlocklist memory = new UrlBlocklist()) {
      assertThat(memory.blockedBy(EVIL)).as("control: in memory, lost at the restart").isNull();
    }
  }

  /** Counts reads of entries; {@link #stale} makes {@link #current()} answer an old state. */
  static final class WatchedStore implements ProtectionListStore {
    final ProtectionListStore delegate = new InMemoryProtectionListStore();
    final AtomicInteger entryReads = new AtomicInteger();
    volatile List<ListVersion> stale;

    @Override
    public ListVersion put(ListVersion draft, Iterable<String> entries) throws IOException {
      return delegate.put(draft, entries);
    }

    @Override
    public List<ListVersion> current() throws IOException {
      return stale != null ? stale : delegate.current();
    }

    @Override
    public boolean entries(ListVersion version, Consumer<String> sink) throws IOException {
      entryReads.incrementAndGet();
      return delegate.entries(version, sink);
    }

    @Override
    public List<ListVersion> history() throws IOException {
      return delegate.history();
    }

    @Override
    public void close() {}
  }

  @Test
  void unchangedVersions_areNotReloaded() throws Exception {
    WatchedStore store = new WatchedStore();
    SenderNumberLists writer = track(new SenderNumberLists.Builder().store(store).pollInterval(Duration.ZERO).open());
    writer.importList(SenderNumberStatus.State.TERMINATED, "v1", NOW, Arrays.asList("0212345678"), NOW);
    SenderNumberLists reader = track(new SenderNumberLists.Builder().store(store).pollInterval(Duration.ZERO).open());
    assertThat(store.entryReads.get()).as("loaded once on open").isEqualTo(1);
    reader.refresh();
    reader.refresh();
    writer.refresh();
    assertThat(store.entryReads.get()).isEqualTo(1);
    assertThat(reader.check("0212345678").state()).isEqualTo(SenderNumberStatus.State.TERMINATED);
  }

  @Test
  void anOlderVersion_neverReplacesANewerOne() throws Exception {
    WatchedStore store = new WatchedStore();
    UrlBlocklist node = track(new UrlBlocklist.Builder().store(store).pollInterval(Duration.ZERO).open());
    node.importList("feed-1", NOW, Arrays.asList("evil-parcel.xyz"), NOW);
    List<ListVersion> old = store.current();
    node.importList("feed-2", NOW, Arrays.asList("other.top"), NOW);
    store.stale = old; // a lagging read, as a poll racing the import would see
    node.refresh();
    assertThat(node.current().version()).isEqualTo("feed-2");
    assertThat(node.blockedBy(EVIL)).isNull();
  }

  @Test
  void builders_refuseAMissingStoreOrABadInterval() {
    assertThatThrownBy(() -> new SenderNumberLists.Builder().open()).hasMessageContaining("store");
    assertThatThrownBy(() -> new UrlBlocklist.Builder().store(new InMemoryProtectionListStore())
        .pollInterval(Duration.ofMillis(1)).open()).hasMessageContaining("pollInterval");
    assertThatThrownBy(() -> new UrlBlocklist.Builder().store(new InMemoryProtectionListStore())
        .pollInterval(Duration.ofHours(1)).open()).hasMessageContaining("pollInterval");
  }
}
