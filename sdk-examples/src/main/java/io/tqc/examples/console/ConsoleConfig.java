package io.tqc.examples.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's settings: who may log in, and the session timeouts. Build with {@link Builder};
 * validated once.
 *
 * <pre>{@code
 * ConsoleConfig console = new ConsoleConfig.Builder()
 *     .addOperator(Operator.withPassword("kim", Role.OPERATOR, password))
 *     .idleTimeout(Duration.ofMinutes(15))
 *     .absoluteTimeout(Duration.ofHours(8))
 *     .build();
 * }</pre>
 */
public final class ConsoleConfig {
  private final Map<String, Operator> operators;
  private final Duration idleTimeout;
  private final Duration absoluteTimeout;
  private final Boolean secureCookie;
  private final Clock clock;
  private final int maxSessions;
  private final ConsoleSessionStore sessionStore;
  private final int loginFailuresPerAccount;
  private final int loginFailuresPerAddress;
  private final Duration loginWindow;
  private final LoginFailureStore loginFailureStore;

  private ConsoleConfig(Builder b) {
    if (b.operators.isEmpty()) {
      throw new IllegalArgumentException("the console needs at least one operator");
    }
    Map<String, Operator> byName = new LinkedHashMap<>();
    for (Operator operator : b.operators) {
      if (byName.put(operator.name(), operator) != null) {
        throw new IllegalArgumentException("operator " + operator.name() + " is listed twice");
      }
    }
    if (b.idleTimeout.isNegative() || b.idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (b.absoluteTimeout.compareTo(b.idleTimeout) < 0) {
      throw new IllegalArgumentException("absoluteTimeout must be at least idleTimeout");
    }
    if (b.maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be positive");
    }
    if (b.loginFailuresPerAccount < 1 || b.loginFailuresPerAddress < 1) {
      throw new IllegalArgumentException("the login failure limits must be positive");
    }
    if (b.loginWindow.isNegative() || b.loginWindow.isZero()) {
      throw new IllegalArgumentException("loginWindow must be positive");
    }
    this.operators = Collections.unmodifiableMap(byName);
    this.idleTimeout = b.idleTimeout;
    this.absoluteTimeout = b.absoluteTimeout;
    this.secureCookie = b.secureCookie;
    this.clock = b.clock;
    this.maxSessions = b.maxSessions;
    this.sessionStore = b.sessionStore != null ? b.sessionStore : ConsoleSessionStore.inMemory();
    this.loginFailuresPerAccount = b.loginFailuresPerAccount;
    this.loginFailuresPerAddress = b.loginFailuresPerAddress;
    this.loginWindow = b.loginWindow;
    this.loginFailureStore = b.loginFailureStore != null ? b.loginFailureStore
        : sessionStore instanceof LoginFailureStore ? (LoginFailureStore) sessionStore
        : LoginFailureStore.inMemory(100_000);
  }

  /** The operators by name. */
  public Map<String, Operator> operators() {
    return operators;
  }

  /** A session unused this long ends (default 15 minutes). */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** A session ends this long after its login however busy (default 8 hours). */
  public Duration absoluteTimeout() {
    return absoluteTimeout;
  }

  /**
   * Whether the session cookie carries {@code Secure}: null (the default) means "when the request
   * came over TLS"; set true behind a TLS-terminating proxy.
   */
  public Boolean secureCookie() {
    return secureCookie;
  }

  /** The clock of the timeouts (tests pass a fixed one). */
  public Clock clock() {
    return clock;
  }

  /** At most this many live sessions (default 1,000); a login beyond it is refused. */
  public int maxSessions() {
    return maxSessions;
  }

  /**
   * Where sessions live: by default this node's memory; on a fleet behind a round-robin balancer a
   * shared store ({@link JdbcConsoleSessionStore} on the fleet's PostgreSQL database).
   */
  public ConsoleSessionStore sessionStore() {
    return sessionStore;
  }

  /**
   * Failed logins of one account name (known or not) within {@link #loginWindow()} after which its
   * logins are refused until the window ends (default 5).
   */
  public int loginFailuresPerAccount() {
    return loginFailuresPerAccount;
  }

  /** Failed logins from one client address within {@link #loginWindow()} after which it is refused (default 20). */
  public int loginFailuresPerAddress() {
    return loginFailuresPerAddress;
  }

  /** The window of the login failure limits (default 15 minutes). */
  public Duration loginWindow() {
    return loginWindow;
  }

  /**
   * Where failed logins are counted: by default the session store if it also counts them (a fleet's
   * {@link JdbcConsoleSessionStore} does, so the limits hold across nodes), else this node's memory.
   */
  public LoginFailureStore loginFailureStore() {
    return loginFailureStore;
  }

  /** Builds a {@link ConsoleConfig}. */
  public static final class Builder {
    private final List<Operator> operators = new ArrayList<>();
    private Duration idleTimeout = Duration.ofMinutes(15);
    private Duration absoluteTimeout = Duration.ofHours(8);
    private Boolean secureCookie;
    private Clock clock = Clock.systemUTC();
    private int maxSessions = 1000;
    private ConsoleSessionStore sessionStore;
    private int loginFailuresPerAccount = 5;
    private int loginFailuresPerAddress = 20;
    private Duration loginWindow = Duration.ofMinutes(15);
    private LoginFailureStore loginFailureStore;

    /** Adds an operator who may log in. */
    public Builder addOperator(Operator operator) {
      operators.add(java.util.Objects.requireNonNull(operator, "operator"));
      return this;
    }

    /** See {@link ConsoleConfig#idleTimeout()}. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = java.util.Objects.requireNonNull(idleTimeout, "idleTimeout");
      return this;
    }

    /** See {@link ConsoleConfig#absoluteTimeout()}. */
    public Builder absoluteTimeout(Duration absoluteTimeout) {
      this.absoluteTimeout = java.util.Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
      return this;
    }

    /** See {@link ConsoleConfig#secureCookie()}. */
    public Builder secureCookie(Boolean secureCookie) {
      this.secureCookie = secureCookie;
      return this;
    }

    /** See {@link ConsoleConfig#clock()}. */
    public Builder clock(Clock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** See {@link ConsoleConfig#maxSessions()}. */
    public Builder maxSessions(int maxSessions) {
      this.maxSessions = maxSessions;
      return this;
    }

    /** See {@link ConsoleConfig#sessionStore()}. */
    public Builder sessionStore(ConsoleSessionStore sessionStore) {
      this.sessionStore = java.util.Objects.requireNonNull(sessionStore, "sessionStore");
      return this;
    }

    /** See {@link ConsoleConfig#loginFailuresPerAccount()} and {@link ConsoleConfig#loginFailuresPerAddress()}. */
    public Builder loginFailureLimits(int perAccount, int perAddress) {
      this.loginFailuresPerAccount = perAccount;
      this.loginFailuresPerAddress = perAddress;
      return this;
    }

    /** See {@link ConsoleConfig#loginFailureStore()}. */
    public Builder loginFailureStore(LoginFailureStore loginFailureStore) {
      this.loginFailureStore = java.util.Objects.requireNonNull(loginFailureStore, "loginFailureStore");
      return this;
    }

    /** See {@link ConsoleConfig#loginWindow()}. */
    public Builder loginWindow(Duration loginWindow) {
      this.loginWindow = java.util.Objects.requireNonNull(loginWindow, "loginWindow");
      return this;
    }

    /** Validates and builds. */
    public ConsoleConfig build() {
      return new ConsoleConfig(this);
    }
  }
}
