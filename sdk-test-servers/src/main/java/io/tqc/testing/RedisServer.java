package io.tqc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for tests, started as a child process on a free loopback port in a
 * temporary directory, and stopped by PID. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final RedisServer redis = RedisServer.builder().password("s3cret-for-tests").build();
 * }</pre>
 *
 * <p>The server starts before the class's first test and stops after its last. It persists
 * nothing unless {@link Builder#appendOnly(boolean)} asks for it; its output goes to
 * {@code redis.log} in its directory ({@link #logFile()}). Faults for outage tests:
 * {@link #kill()} (SIGKILL), {@link #restart()} (same port and directory), {@link #blackHole()}
 * (SIGSTOP: connections are accepted by the kernel but never answered, so clients hit their read
 * timeouts) and {@link #release()} (SIGCONT).
 *
 * <p>Without a {@code redis-server} binary (on {@code PATH}, in {@code /usr/bin} or
 * {@code /usr/sbin}, or named by the {@code TQC_REDIS_SERVER} environment variable) the tests are
 * skipped with a message, except when {@code CI=true}, where they fail.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private static final int START_ATTEMPTS = 3;
  private static final long READY_TIMEOUT_MILLIS = 10_000;

  private final String password;
  private final boolean appendOnly;
  private final String tlsName;
  private Path binary;
  private Path directory;
  private int port;
  private int tlsPort;
  private Process process;
  private boolean stopped;

  private RedisServer(Builder b) {
    this.password = b.password;
    this.appendOnly = b.appendOnly;
    this.tlsName = b.tlsName;
  }

  /** A builder: no password, no persistence. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a {@link RedisServer}. */
  public static final class Builder {
    private String password;
    private boolean appendOnly;
    private String tlsName;

    private Builder() {}

    /** Requires clients to authenticate with {@code password} ({@code requirepass}). */
    public Builder password(String password) {
      if (password == null || password.isEmpty() || password.matches(".*\\s.*")) {
        throw new IllegalArgumentException("password must be non-empty without whitespace");
      }
      this.password = password;
      return this;
    }

    /** Persists to an append-only file ({@code appendfsync always}), so data survives {@link RedisServer#kill()}. */
    public Builder appendOnly(boolean appendOnly) {
      this.appendOnly = appendOnly;
      return this;
    }

    /**
     * Also listens with TLS on {@link RedisServer#tlsPort()}, with a fresh self-signed certificate
     * ({@link RedisServer#certificate()}, made with {@code openssl}) whose subject alternative name
     * is {@code name} (for example {@code IP:127.0.0.1} or {@code DNS:localhost}). The plain port
     * stays open for {@link RedisServer#command}.
     */
    public Builder tls(String name) {
      if (name == null || !name.matches("(IP|DNS):[A-Za-z0-9.:-]+")) {
        throw new IllegalArgumentException("name must be IP:<address> or DNS:<host>");
      }
      this.tlsName = name;
      return this;
    }

    /** The extension; the server starts when the test class does. */
    public RedisServer build() {
      return new RedisServer(this);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    open();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  /**
   * Starts the server outside JUnit's lifecycle (benchmarks, harnesses); {@link #close()} stops it.
   * Without the binary this throws JUnit's {@code TestAbortedException} (or, under {@code CI=true},
   * {@link IllegalStateException}).
   */
  public RedisServer open() throws IOException {
    binary = findBinary();
    if (binary == null) {
      binaryMissing(System.getenv("CI"));
    }
    directory = Files.createTempDirectory("tqc-redis-");
    if (tlsName != null) {
      makeCertificate();
    }
    IOException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      port = freePort();
      tlsPort = tlsName != null ? freePort() : 0;
      try {
        start();
        return this;
      } catch (IOException e) {
        // Most likely another process took the port between probe and bind: try another.
        last = e;
        destroy();
      }
    }
    throw last;
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its directory. */
  @Override
  public void close() throws IOException {
    destroy();
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Without the binary: fails under {@code CI=true}, else skips (aborts) the tests with a message. */
  static void binaryMissing(String ci) {
    String message = "redis-server not found (PATH, /usr/bin, /usr/sbin or $TQC_REDIS_SERVER); "
        + "install it with: apt-get install -y redis-server";
    if ("true".equalsIgnoreCase(ci)) {
      throw new IllegalStateException(message + " (CI=true: Redis tests must run)");
    }
    Assumptions.abort(message);
  }

  /** The loopback address the server listens on. */
  public String host() {
    return "127.0.0.1";
  }

  /** The server's port (kept across {@link #restart()}). */
  public int port() {
    return port;
  }

  /** The TLS port ({@link Builder#tls(String)}), or 0. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The server's self-signed certificate (PEM), or {@code null} without TLS. */
  public Path certificate() {
    return tlsName == null ? null : directory.resolve("redis.crt");
  }

  /** {@code redis://127.0.0.1:PORT} (never carries the password). */
  public String uri() {
    return "redis://" + host() + ":" + port;
  }

  /** The password clients must present, or {@code null}. */
  public String password() {
    return password;
  }

  /** The PID of the running server process. */
  public long pid() {
    requireProcess();
    return process.pid();
  }

  /** The server's output. */
  public Path logFile() {
    return directory.resolve("redis.log");
  }

  /** The server's working directory (append-only file, log). */
  public Path directory() {
    return directory;
  }

  /** True while the server process is alive (also while black-holed). */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server with SIGKILL and waits until it is gone; unpersisted data is lost. */
  public void kill() {
    requireProcess();
    process.destroyForcibly();
    waitFor(process);
    stopped = false;
  }

  /** Starts the server again on the same port and directory (after {@link #kill()}); waits until it answers. */
  public void restart() throws IOException {
    if (isRunning()) {
      throw new IllegalStateException("the server is still running; kill() it first");
    }
    start();
  }

  /**
   * Freezes the server with SIGSTOP: the kernel still accepts connections, but nothing is read
   * or answered until {@link #release()}, so clients exercise their timeouts.
   */
  public void blackHole() {
    signal("STOP");
    stopped = true;
  }

  /** Resumes a {@linkplain #blackHole() black-holed} server with SIGCONT. */
  public void release() {
    signal("CONT");
    stopped = false;
  }

  /**
   * Sends one command and returns the first line of the reply, for example {@code "+OK"},
   * {@code ":3"}, {@code "-ERR ..."} or {@code "*2"} (an array's header), or the content of a bulk
   * string reply ({@code GET}, {@code CLIENT LIST}, {@code INFO}; {@code null} for a nil one).
   * Authenticates first when the server has a password.
   */
  public String command(String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host(), port), 2_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      if (password != null) {
        send(out, "AUTH", password);
        String auth = readLine(in);
        if (!auth.equals("+OK")) {
          throw new IllegalStateException("AUTH failed: " + auth);
        }
      }
      send(out, args);
      String line = readLine(in);
      if (!line.startsWith("$")) {
        return line;
      }
      int length = Integer.parseInt(line.substring(1));
      if (length < 0) {
        return null;
      }
      byte[] content = new byte[length];
      int read = 0;
      while (read < length) {
        int n = in.read(content, read, length - read);
        if (n < 0) {
          throw new IOException("connection closed by redis-server");
        }
        read += n;
      }
      return new String(content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send " + args[0] + " to redis on port " + port, e);
    }
  }

  /** Empties every database ({@code FLUSHALL}): Redis has lost its data. */
  public void flushAll() {
    String reply = command("FLUSHALL");
    if (!reply.equals("+OK")) {
      throw new IllegalStateException("FLUSHALL answered " + reply);
    }
  }

  @Override
  public String toString() {
    return "RedisServer{" + uri() + (process != null ? ", pid " + process.pid() : "") + "}";
  }

  private void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--port");
    command.add(Integer.toString(port));
    command.add("--bind");
    command.add(host());
    command.add("--dir");
    command.add(directory.toString());
    command.add("--daemonize");
    command.add("no");
    command.add("--save");
    command.add("");
    command.add("--appendonly");
    command.add(appendOnly ? "yes" : "no");
    if (appendOnly) {
      command.add("--appendfsync");
      command.add("always");
    }
    if (password != null) {
      command.add("--requirepass");
      command.add(password);
    }
    if (tlsName != null) {
      command.add("--tls-port");
      command.add(Integer.toString(tlsPort));
      command.add("--tls-cert-file");
      command.add(certificate().toString());
      command.add("--tls-key-file");
      command.add(directory.resolve("redis.key").toString());
      command.add("--tls-ca-cert-file");
      command.add(certificate().toString());
      command.add("--tls-auth-clients");
      command.add("no");
    }
    process = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
        .start();
    stopped = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue() + " on port " + port
            + "; see " + logFile());
      }
      if (answersPing()) {
        return;
      }
      sleep(20);
    }
    throw new IOException("redis-server did not answer PING within " + READY_TIMEOUT_MILLIS + " ms; see " + logFile());
  }

  private void makeCertificate() throws IOException {
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=tqc-test-redis", "-addext", "subjectAltName=" + tlsName,
        "-keyout", directory.resolve("redis.key").toString(), "-out", directory.resolve("redis.crt").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("openssl.log").toFile()))
        .start();
    try {
      if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
        throw new IOException("openssl could not make a test certificate; see " + directory.resolve("openssl.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making a test certificate", e);
    }
  }

  private boolean answersPing() {
    try {
      return command("PING").equals("+PONG");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void destroy() {
    if (process == null) {
      return;
    }
    if (stopped) {
      release();
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        waitFor(process);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private void signal(String name) {
    requireProcess();
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling redis-server", e);
    }
  }

  private void requireProcess() {
    if (process == null) {
      throw new IllegalStateException("redis-server is not started");
    }
  }

  private static void waitFor(Process process) {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(OutputStream out, String... args) throws IOException {
    StringBuilder request = new StringBuilder().append('*').append(args.length).append("\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
    }
    out.write(request.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        return line.toString();
      }
      line.append((char) c);
    }
    throw new IOException("connection closed by redis-server");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path findBinary() {
    String configured = System.getenv("TQC_REDIS_SERVER");
    if (configured != null && !configured.isEmpty()) {
      Path path = Paths.get(configured);
      return Files.isExecutable(path) ? path : null;
    }
    List<String> dirs = new ArrayList<>();
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(dir);
        }
      }
    }
    dirs.add("/usr/bin");
    dirs.add("/usr/sbin");
    for (String dir : dirs) {
      Path candidate = Paths.get(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
