package io.tqc.examples.console;

import java.io.IOException;
import java.time.Instant;

/**
 * Where the console keeps its sessions. The default keeps them in this node's memory; a relay fleet
 * behind a round-robin balancer (no sticky sessions) shares them in its database with {@link
 * JdbcConsoleSessionStore}, so a login on one node works on every node and a logout on one ends the
 * session on all of them. Sessions are keyed by the SHA-256 of the session id: the id itself (the
 * cookie) is never stored. Implementations are thread-safe; an {@link IOException} means the store
 * could not be reached (the console then refuses with {@code relay_unavailable}, never lets a
 * request through).
 */
public interface ConsoleSessionStore extends AutoCloseable {
  /** Stores a new session under {@code key} (the digest of its id). */
  void create(String key, StoredSession session) throws IOException;

  /** The session stored under {@code key}, or {@code null}. */
  StoredSession find(String key) throws IOException;

  /** Records use of the session at {@code at} (its idle clock restarts). */
  void touch(String key, Instant at) throws IOException;

  /** Ends the session under {@code key} (no effect if there is none). */
  void delete(String key) throws IOException;

  /** Deletes every session created before {@code createdBefore} or unused since {@code usedBefore}. */
  void purge(Instant createdBefore, Instant usedBefore) throws IOException;

  /** How many sessions are stored. */
  int count() throws IOException;

  /** Releases what the store holds (not the caller's data source). */
  @Override
  default void close() {}

  /** A new in-memory store: sessions live in this node's memory and end with it. */
  static ConsoleSessionStore inMemory() {
    return new InMemoryConsoleSessionStore();
  }

  /** One stored session: who, the CSRF token, and its two clocks. Immutable. */
  final class StoredSession {
    private final String operator;
    private final Role role;
    private final String csrf;
    private final Instant createdAt;
    private final Instant lastUsed;

    /** A session of {@code operator} with {@code role}, CSRF token {@code csrf}, created and last used as given. */
    public StoredSession(String operator, Role role, String csrf, Instant createdAt, Instant lastUsed) {
      if (operator == null || role == null || csrf == null || createdAt == null || lastUsed == null) {
        throw new IllegalArgumentException("every session field is required");
      }
      this.operator = operator;
      this.role = role;
      this.csrf = csrf;
      this.createdAt = createdAt;
      this.lastUsed = lastUsed;
    }

    /** The operator's name. */
    public String operator() {
      return operator;
    }

    /** The role at login. */
    public Role role() {
      return role;
    }

    /** The CSRF token every state change must carry. */
    public String csrf() {
      return csrf;
    }

    /** When the operator logged in. */
    public Instant createdAt() {
      return createdAt;
    }

    /** When the session was last used (as last recorded). */
    public Instant lastUsed() {
      return lastUsed;
    }

    /** This session, last used at {@code at}. */
    public StoredSession usedAt(Instant at) {
      return new StoredSession(operator, role, csrf, createdAt, at);
    }

    @Override
    public String toString() {
      return "StoredSession{" + operator + ", " + role + ", since " + createdAt + "}"; // never the CSRF token
    }
  }
}
