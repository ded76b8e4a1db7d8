package io.tqc.client;

import java.time.Duration;

/**
 * OkHttp timeouts of the client's own relay calls (token, status, keys, discovery): connect, read
 * (also write) and the whole call. Immutable; build with {@link #builder()}, defaults connect 5 s,
 * read 10 s, call 15 s ({@link #defaults()}).
 */
public final class Timeouts {
  private final Duration connect;
  private final Duration read;
  private final Duration call;

  private Timeouts(Builder b) {
    this.connect = positive(b.connect, "connect");
    this.read = positive(b.read, "read");
    this.call = positive(b.call, "call");
  }

  static Duration positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " timeout must be positive");
    }
    return d;
  }

  /** The defaults: connect 5 s, read 10 s, call 15 s. */
  public static Timeouts defaults() {
    return builder().build();
  }

  /** A builder preset with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The connect timeout. */
  public Duration connect() {
    return connect;
  }

  /** The read and write timeout. */
  public Duration read() {
    return read;
  }

  /** The whole-call timeout (also the longest a refused batch waits for a new token in the interceptor). */
  public Duration call() {
    return call;
  }

  @Override
  public String toString() {
    return "Timeouts{connect=" + connect + ", read=" + read + ", call=" + call + "}";
  }

  /** Builds {@link Timeouts}. */
  public static final class Builder {
    private Duration connect = Duration.ofSeconds(5);
    private Duration read = Duration.ofSeconds(10);
    private Duration call = Duration.ofSeconds(15);

    private Builder() {}

    /** The connect timeout (default 5 s). */
    public Builder connect(Duration connect) {
      this.connect = connect;
      return this;
    }

    /** The read and write timeout (default 10 s). */
    public Builder read(Duration read) {
      this.read = read;
      return this;
    }

    /** The whole-call timeout (default 15 s). */
    public Builder call(Duration call) {
      this.call = call;
      return this;
    }

    /**
     * The validated timeouts.
     *
     * @throws IllegalArgumentException a timeout is missing, zero or negative
     */
    public Timeouts build() {
      return new Timeouts(this);
    }
  }
}
