package io.tqc.examples.relay;

import io.tqc.api.compliance.RuleMode;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.protection.InMemoryProtectionListStore;
import io.tqc.relay.protection.InMemorySuppressionStore;
import io.tqc.relay.protection.ProtectionListStore;
import io.tqc.relay.protection.RecipientProtectionPolicy;
import io.tqc.relay.protection.ScreeningOptions;
import io.tqc.relay.protection.SenderNumberLists;
import io.tqc.relay.protection.SqliteProtectionListStore;
import io.tqc.relay.protection.SqliteSuppressionStore;
import io.tqc.relay.protection.SuppressionStore;
import io.tqc.relay.protection.Suppressions;
import io.tqc.relay.protection.UrlBlocklist;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Recipient protection for the reference relay: the opt-out store, the imported sender-number
 * lists and URL blocklist (both in one {@link ProtectionListStore}) and the 080 provider's
 * credential. Give it to {@link RelayServerConfig.Builder#protection}; the server then checks every
 * batch against them and serves the suppression and list endpoints ({@link ProtectionRoutes}).
 * On one node everything is in the data directory; on a fleet ({@link #shared}) the opt-outs and the
 * lists are in the fleet's database, so an import through any node is enforced by every node.
 */
public final class RelayProtection implements Closeable {
  private final Suppressions suppressions;
  private final ProtectionListStore listStore;
  private final SenderNumberLists senderLists;
  private final UrlBlocklist blocklist;
  private final String providerToken;

  private RelayProtection(Suppressions suppressions, ProtectionListStore listStore, Duration pollInterval,
      String providerToken) throws IOException {
    this.suppressions = suppressions;
    this.listStore = listStore;
    this.providerToken = providerToken;
    this.senderLists = new SenderNumberLists.Builder().store(listStore).pollInterval(pollInterval).open();
    try {
      this.blocklist = new UrlBlocklist.Builder().store(listStore).pollInterval(pollInterval).open();
    } catch (IOException | RuntimeException e) {
      senderLists.close();
      throw e;
    }
  }

  private static void requireProviderToken(String providerToken) {
    if (providerToken == null || providerToken.length() < 16) {
      throw new IllegalArgumentException("the 080 provider token must be at least 16 characters");
    }
  }

  /**
   * Opt-outs in {@code dataDirectory}/{@value SqliteSuppressionStore#FILE}, keyed by {@code secret},
   * and the sender-number lists and URL blocklist in {@code dataDirectory}/{@value SqliteProtectionListStore#FILE}
   * (both survive a restart).
   */
  public static RelayProtection open(Path dataDirectory, byte[] secret, String providerToken) throws IOException {
    requireProviderToken(providerToken);
    SqliteSuppressionStore store = SqliteSuppressionStore.open(dataDirectory.resolve(SqliteSuppressionStore.FILE));
    try {
      SqliteProtectionListStore lists = SqliteProtectionListStore.open(dataDirectory.resolve(SqliteProtectionListStore.FILE));
      try {
        // Only this process writes the data directory: nothing to poll.
        return new RelayProtection(new Suppressions(secret, store), lists, Duration.ZERO, providerToken);
      } catch (IOException | RuntimeException e) {
        lists.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Opt-outs and lists in stores the fleet shares ({@code PostgresSuppressionStore},
   * {@code PostgresProtectionListStore}); the opt-outs keyed by {@code secret} (the same on every
   * node). The lists are polled every {@code listPollInterval} (1 s is the default elsewhere): a list
   * imported on another node is enforced here within it. Closing this closes both stores.
   */
  public static RelayProtection shared(SuppressionStore store, ProtectionListStore lists, Duration listPollInterval,
      byte[] secret, String providerToken) throws IOException {
    requireProviderToken(providerToken);
    return new RelayProtection(new Suppressions(secret, store), lists, listPollInterval, providerToken);
  }

  /** Everything in memory only (tests, demos). */
  public static RelayProtection inMemory(byte[] secret, String providerToken) {
    requireProviderToken(providerToken);
    try {
      return new RelayProtection(new Suppressions(secret, new InMemorySuppressionStore()),
          new InMemoryProtectionListStore(), Duration.ZERO, providerToken);
    } catch (IOException e) {
      throw new IllegalStateException("an in-memory store cannot fail", e);
    }
  }

  /** The opt-out service. */
  public Suppressions suppressions() {
    return suppressions;
  }

  /** The imported sender-number lists. */
  public SenderNumberLists senderLists() {
    return senderLists;
  }

  /** The smishing blocklist the admin API replaces at run time (kept in the list store). */
  public UrlBlocklist blocklist() {
    return blocklist;
  }

  String providerToken() {
    return providerToken;
  }

  /** {@code delegate} followed by the opt-out and sender-number checks. */
  ContentPolicy policy(ContentPolicy delegate) {
    return new RecipientProtectionPolicy.Builder().delegate(delegate)
        .suppressions(suppressions, RuleMode.ENFORCE)
        .senderNumberCheck(senderLists, ScreeningOptions.defaults())
        .urlBlocklist(blocklist)
        .build();
  }

  @Override
  public void close() throws IOException {
    try {
      suppressions.store().close();
    } finally {
      try {
        senderLists.close();
        blocklist.close();
      } finally {
        listStore.close();
      }
    }
  }
}
