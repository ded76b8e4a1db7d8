package io.tqc.examples.relay;

import io.tqc.api.compliance.RuleMode;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.protection.InMemorySuppressionStore;
import io.tqc.relay.protection.RecipientProtectionPolicy;
import io.tqc.relay.protection.ScreeningOptions;
import io.tqc.relay.protection.SenderNumberLists;
import io.tqc.relay.protection.SqliteSuppressionStore;
import io.tqc.relay.protection.SuppressionStore;
import io.tqc.relay.protection.Suppressions;
import io.tqc.relay.protection.UrlBlocklist;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Recipient protection for the reference relay: the opt-out store, the imported sender-number
 * lists and the 080 provider's credential. Give it to {@link RelayServerConfig.Builder#protection};
 * the server then checks every batch against them and serves the suppression and list endpoints
 * ({@link ProtectionRoutes}).
 */
public final class RelayProtection implements Closeable {
  private final Suppressions suppressions;
  private final SenderNumberLists senderLists;
  private final String providerToken;
  private final UrlBlocklist blocklist = new UrlBlocklist();

  private RelayProtection(Suppressions suppressions, SenderNumberLists senderLists, String providerToken) {
    this.suppressions = suppressions;
    this.senderLists = senderLists;
    this.providerToken = providerToken;
  }

  private static void requireProviderToken(String providerToken) {
    if (providerToken == null || providerToken.length() < 16) {
      throw new IllegalArgumentException("the 080 provider token must be at least 16 characters");
    }
  }

  /**
   * Opt-outs in {@code dataDirectory}/{@value SqliteSuppressionStore#FILE}, keyed by {@code secret},
   * and sender-number lists in {@code dataDirectory}/{@value SenderNumberLists#FILE}.
   */
  public static RelayProtection open(Path dataDirectory, byte[] secret, String providerToken) throws IOException {
    requireProviderToken(providerToken);
    SqliteSuppressionStore store = SqliteSuppressionStore.open(dataDirectory.resolve(SqliteSuppressionStore.FILE));
    try {
      return new RelayProtection(new Suppressions(secret, store),
          SenderNumberLists.open(dataDirectory.resolve(SenderNumberLists.FILE)), providerToken);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Opt-outs in a store the fleet shares ({@code PostgresSuppressionStore}), keyed by {@code secret}
   * (the same on every node); the sender-number lists are this node's, in memory, imported through
   * the admin API (they are not shared: import them on every node).
   */
  public static RelayProtection shared(SuppressionStore store, byte[] secret, String providerToken) {
    requireProviderToken(providerToken);
    return new RelayProtection(new Suppressions(secret, store), new SenderNumberLists(), providerToken);
  }

  /** Everything in memory only (tests, demos). */
  public static RelayProtection inMemory(byte[] secret, String providerToken) {
    requireProviderToken(providerToken);
    return new RelayProtection(new Suppressions(secret, new InMemorySuppressionStore()), new SenderNumberLists(),
        providerToken);
  }

  /** The opt-out service. */
  public Suppressions suppressions() {
    return suppressions;
  }

  /** The imported sender-number lists. */
  public SenderNumberLists senderLists() {
    return senderLists;
  }

  /** The smishing blocklist the admin API replaces at run time. */
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
      senderLists.close();
    }
  }
}
