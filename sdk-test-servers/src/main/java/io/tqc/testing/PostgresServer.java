package io.tqc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests, one per test JVM (shared by every test class that registers
 * it): {@code initdb} and {@code postgres} from the machine's binaries run as child processes in a
 * temporary directory, on a free loopback port, with the Unix socket in that directory and their
 * output in a log file there. When the tests run as root, the server runs as the {@code postgres}
 * user through {@code setpriv} (which execs, so the child's PID is the server's). The server is
 * stopped by its PID when the test JVM's JUnit run ends.
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresServer PG = PostgresServer.shared();
 * ... String url = PG.createDatabase(); // a fresh, empty database for this test class
 * }</pre>
 *
 * <p>Without the binaries the test class is skipped with a message; under {@code CI=true} it fails.
 * Binaries are looked up in {@code $TQC_PG_BIN}, {@code /usr/local/bin} and
 * {@code /usr/lib/postgresql/<version>/bin}.
 */
public final class PostgresServer implements BeforeAllCallback {
  private static final PostgresServer SHARED = new PostgresServer();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private volatile Running running;
  private volatile String unavailable;

  private static final class Running implements AutoCloseable {
    final Process process;
    final Path dir;
    final Path bin;
    final int port;
    final boolean asPostgresUser;

    Running(Process process, Path dir, Path bin, int port, boolean asPostgresUser) {
      this.process = process;
      this.dir = dir;
      this.bin = bin;
      this.port = port;
      this.asPostgresUser = asPostgresUser;
    }

    @Override
    public void close() {
      stop(process);
      deleteTree(dir);
    }
  }

  private PostgresServer() {}

  /**
   * Starts a server of its own outside JUnit (benchmarks, load harnesses), with fsync on (tests run
   * with it off); close it to stop it by PID and delete its directory.
   *
   * @throws IOException if the binaries are missing or the server does not start
   */
  public static Standalone startStandalone() throws IOException {
    try {
      PostgresServer server = new PostgresServer();
      server.running = start(true);
      return new Standalone(server);
    } catch (MissingBinariesException e) {
      throw new IOException(e.getMessage());
    }
  }

  /** A server started by {@link #startStandalone()}. */
  public static final class Standalone implements AutoCloseable {
    private final PostgresServer server;

    private Standalone(PostgresServer server) {
      this.server = server;
    }

    /** See {@link PostgresServer#createDatabase()}. */
    public String createDatabase() {
      return server.createDatabase();
    }

    /** Stops the server. */
    @Override
    public void close() {
      server.running.close();
    }
  }

  /** The server shared by every test class of this JVM. */
  public static PostgresServer shared() {
    return SHARED;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (this) {
      if (running == null && unavailable == null) {
        try {
          running = start(false);
          context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(PostgresServer.class, running);
        } catch (MissingBinariesException e) {
          unavailable = e.getMessage();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
        }
      }
    }
    if (unavailable != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true but " + unavailable);
      }
      Assumptions.abort("skipped: " + unavailable);
    }
  }

  /** The server's port on 127.0.0.1. */
  public int port() {
    return require().port;
  }

  /** The JDBC URL of {@code database} (user {@code postgres}, no password: trust on loopback). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
  }

  /** Creates a new empty database and returns its JDBC URL. */
  public String createDatabase() {
    String name = "tqc_test_" + DATABASES.incrementAndGet();
    Running server = require();
    List<String> command = new ArrayList<>();
    command.add(server.bin.resolve("createdb").toString());
    command.add("-h");
    command.add("127.0.0.1");
    command.add("-p");
    command.add(Integer.toString(server.port));
    command.add("-U");
    command.add("postgres");
    command.add(name);
    try {
      run(command, server.dir.resolve("createdb.log"), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jdbcUrl(name);
  }

  private Running require() {
    Running server = running;
    if (server == null) {
      throw new IllegalStateException("PostgresServer is not started: register it with @RegisterExtension");
    }
    return server;
  }

  private static final class MissingBinariesException extends Exception {
    private static final long serialVersionUID = 1L;

    MissingBinariesException(String message) {
      super(message);
    }
  }

  private static Path findBinaries() throws MissingBinariesException {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("TQC_PG_BIN");
    if (env != null && !env.isEmpty()) {
      candidates.add(Path.of(env));
    }
    candidates.add(Path.of("/usr/local/bin"));
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
      } catch (IOException e) {
        // fall through to the check below
      }
    }
    for (Path dir : candidates) {
      if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres"))
          && Files.isExecutable(dir.resolve("createdb"))) {
        return dir;
      }
    }
    throw new MissingBinariesException("PostgreSQL binaries (initdb, postgres, createdb) not found in "
        + candidates + "; install postgresql or set TQC_PG_BIN");
  }

  /** Starts a server; {@code durable} keeps fsync on (benchmarks), tests run without it. */
  private static Running start(boolean durable) throws IOException, MissingBinariesException {
    Path bin = findBinaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("tqc-pg-");
    if (root) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      UserPrincipal postgres;
      GroupPrincipal group;
      try {
        postgres = users.lookupPrincipalByName("postgres");
        group = users.lookupPrincipalByGroupName("postgres");
      } catch (IOException e) {
        deleteTree(dir);
        throw new MissingBinariesException("running as root and no 'postgres' user to run PostgreSQL as");
      }
      PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
      view.setOwner(postgres);
      view.setGroup(group);
    }
    Path data = dir.resolve("data");
    List<String> initdb = new ArrayList<>();
    initdb.add(bin.resolve("initdb").toString());
    initdb.add("-D");
    initdb.add(data.toString());
    initdb.add("-U");
    initdb.add("postgres");
    initdb.add("-A");
    initdb.add("trust");
    initdb.add("-E");
    initdb.add("UTF8");
    initdb.add("--locale=C");
    initdb.add("--no-sync");
    try {
      run(initdb, dir.resolve("initdb.log"), root);
      int port = freePort();
      List<String> postgres = new ArrayList<>();
      postgres.add(bin.resolve("postgres").toString());
      postgres.add("-D");
      postgres.add(data.toString());
      postgres.add("-p");
      postgres.add(Integer.toString(port));
      postgres.add("-c");
      postgres.add("listen_addresses=127.0.0.1");
      postgres.add("-c");
      postgres.add("unix_socket_directories=" + dir);
      postgres.add("-c");
      postgres.add("max_connections=200");
      postgres.add("-c");
      postgres.add(durable ? "fsync=on" : "fsync=off");
      postgres.add("-c");
      postgres.add("shared_buffers=32MB");
      Process process = builder(postgres, root).redirectErrorStream(true)
          .redirectOutput(dir.resolve("postgres.log").toFile()).start();
      Running server = new Running(process, dir, bin, port, root);
      awaitReady(server);
      return server;
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  private static ProcessBuilder builder(List<String> command, boolean asPostgres) {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.add("setpriv");
      full.add("--reuid=postgres");
      full.add("--regid=postgres");
      full.add("--init-groups");
    }
    full.addAll(command);
    return new ProcessBuilder(full);
  }

  private static void run(List<String> command, Path log, boolean asPostgres) throws IOException {
    Process process = builder(command, asPostgres).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": "
          + tail(log));
    }
  }

  private static void awaitReady(Running server) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Path log = server.dir.resolve("postgres.log");
    while (System.nanoTime() < deadline) {
      if (!server.process.isAlive()) {
        throw new IOException("postgres exited " + server.process.exitValue() + ": " + tail(log));
      }
      String text = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
      if (text.contains("database system is ready to accept connections")) {
        return;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    stop(server.process);
    throw new IOException("postgres was not ready within 30 s: " + tail(log));
  }

  private static String tail(Path log) {
    try {
      String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).trim();
      return text.length() > 600 ? text.substring(text.length() - 600) : text;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Fast shutdown (SIGINT) by PID, then SIGKILL if it lingers. */
  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
