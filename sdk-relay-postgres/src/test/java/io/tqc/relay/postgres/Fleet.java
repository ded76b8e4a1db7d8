package io.tqc.relay.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.Reseller;
import io.tqc.relay.RegistryFeed;
import io.tqc.relay.Subscription;
import io.tqc.relay.testing.ResellerIds;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** Relay nodes sharing one PostgreSQL database, as a fleet behind a load balancer would. */
final class Fleet implements AutoCloseable {
  static final String ISSUER = "https://relay.fleet.test.kr";
  static final List<String> SENDERS = List.of("0212345678", "15881234");

  final HikariDataSource pool;
  final String kekBase64 = randomKek();
  final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(kekBase64);
  final List<Node> nodes = new ArrayList<>();

  /** One relay node: its store, feed, the DataSource its feed listens through, and the relay. */
  static final class Node implements AutoCloseable {
    final String id;
    final PostgresRelayStore store;
    final PostgresRegistryFeed feed;
    final SwitchableDataSource feedSource;
    SwitchableDataSource storeSource;
    final HikariDataSource nodePool;
    final Relay relay;

    Node(String id, PostgresRelayStore store, PostgresRegistryFeed feed, SwitchableDataSource feedSource,
        HikariDataSource nodePool, Relay relay) {
      this.id = id;
      this.store = store;
      this.feed = feed;
      this.feedSource = feedSource;
      this.nodePool = nodePool;
      this.relay = relay;
    }

    @Override
    public void close() throws IOException {
      relay.close();
      feed.close();
      nodePool.close();
    }
  }

  static String randomKek() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  Fleet(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Starts a node; {@code feedDelay} delays its in-memory view (a slow network or a GC pause). */
  Node start(String id, boolean fence, Duration feedDelay, UnaryOperator<PostgresRegistryFeed.Builder> feedConfig)
      throws IOException {
    return start(id, fence, feedDelay, feedConfig, b -> b);
  }

  /** Starts a node with more relay settings (enforcement, for example). */
  Node start(String id, boolean fence, Duration feedDelay, UnaryOperator<PostgresRegistryFeed.Builder> feedConfig,
      UnaryOperator<RelayConfig.Builder> relayConfig) throws IOException {
    HikariDataSource nodePool = Pg.pool(pool.getJdbcUrl(), 12);
    SwitchableDataSource storeSource = new SwitchableDataSource(nodePool);
    PostgresRelayStore store = new PostgresRelayStore.Builder().dataSource(storeSource).nodeId(id).fence(fence).open();
    SwitchableDataSource feedSource = new SwitchableDataSource(nodePool);
    PostgresRegistryFeed feed = feedConfig.apply(new PostgresRegistryFeed.Builder().dataSource(feedSource).store(store)
        .pollInterval(Duration.ofMillis(100)).staleAfter(Duration.ofMillis(800))
        .catchUpInterval(Duration.ofMillis(300))).start();
    RegistryFeed seen = feedDelay.isZero() ? feed : new DelayedFeed(feed, feedDelay);
    Relay relay = Relay.open(relayConfig.apply(new RelayConfig.Builder().issuer(ISSUER).store(store)
        .signingKeyStore(PostgresSigningKeyStore.open(nodePool, kek, id)).registryFeed(seen)
        .heartbeatInterval(Duration.ofMillis(200)).keyActivationDelay(Duration.ofSeconds(2))).build());
    Node node = new Node(id, store, feed, feedSource, nodePool, relay);
    node.storeSource = storeSource;
    nodes.add(node);
    return node;
  }

  Node start(String id) throws IOException {
    return start(id, true, Duration.ZERO, b -> b);
  }

  /** A reseller registered through {@code node}. */
  Member register(Node node) throws Exception {
    ResellerId id = ResellerIds.random();
    SigningKey key = SigningKey.generate();
    Reseller record = node.relay.registry().register(new Registration.Builder().id(id).name("Reseller " + id)
        .addKey(key.verificationKey()).senderNumbers(SENDERS).originCode("123456789").build(), "operator");
    return new Member(id, key, record);
  }

  static final class Member {
    final ResellerId id;
    final SigningKey key;
    final BatchProofSigner signer;
    final Reseller record;

    Member(ResellerId id, SigningKey key, Reseller record) {
      this.id = id;
      this.key = key;
      this.signer = new BatchProofSigner(key, ISSUER);
      this.record = record;
    }

    String assertion() {
      return ClientAssertion.create(key, id, ISSUER, Instant.now(), Duration.ofMinutes(1));
    }

    String token(Node node) throws Exception {
      return node.relay.issueToken(id.value(), assertion()).token().compact();
    }

    String proof(String token, byte[] body) throws Exception {
      int n = Batch.parse(body, 100_000).messageCount();
      return signer.sign(Digests.sha256Base64Url(token), body, n, Instant.now()).compact();
    }
  }

  /** A compliant advertising batch (night consent on every message, so it passes at any hour). */
  static byte[] body(int messages) {
    Batch.Builder batch = new Batch.Builder().senderNumber(SENDERS.get(0)).advertising(true)
        .advertiser("테스트상점", "02-1234-5678");
    for (int i = 0; i < messages; i++) {
      batch.addMessage(new BatchMessage(String.format("0101234%04d", i),
          "(광고)테스트상점 할인 안내 " + i + " 문의 02-1234-5678 무료거부 080-123-4567", true));
    }
    return batch.build().toJsonBytes();
  }

  @Override
  public void close() throws IOException {
    for (Node node : nodes) {
      node.close();
    }
  }

  /** A DataSource that can be told to refuse connections (the database "unreachable" for one node). */
  static final class SwitchableDataSource extends ForwardingDataSource {
    final AtomicBoolean down = new AtomicBoolean();

    SwitchableDataSource(DataSource delegate) {
      super(delegate);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (down.get()) {
        throw new SQLException("simulated: database unreachable", "08001");
      }
      return super.getConnection();
    }
  }

  /** Delivers every change to the node's memory {@code delay} late; publishing is unchanged. */
  static final class DelayedFeed implements RegistryFeed {
    private final RegistryFeed delegate;
    private final long delayMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    DelayedFeed(RegistryFeed delegate, Duration delay) {
      this.delegate = delegate;
      this.delayMillis = delay.toMillis();
    }

    @Override
    public void publish(Reseller changed) throws IOException {
      delegate.publish(changed);
    }

    @Override
    public Subscription subscribe(Listener listener) {
      return delegate.subscribe(new Listener() {
        @Override
        public void onChange(Reseller changed) {
          onChange(changed, null);
        }

        @Override
        public void onChange(Reseller changed, Instant recordedAt) {
          timer.schedule(() -> listener.onChange(changed, recordedAt), delayMillis, TimeUnit.MILLISECONDS);
        }
      });
    }

    @Override
    public boolean isCurrent() {
      return delegate.isCurrent();
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
