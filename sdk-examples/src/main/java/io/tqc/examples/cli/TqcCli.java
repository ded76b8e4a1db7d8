package io.tqc.examples.cli;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.client.TqcClientException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code java -jar tqc.jar}. Exit codes: 0 success; 1 refused or invalid (a TQC
 * reason code is printed as {@code error: <code>: <detail>}); 2 usage error; 3 I/O or relay
 * unreachable; 4 unexpected internal error. Output is UTF-8 whatever the platform's default.
 */
@Command(name = "tqc", mixinStandardHelpOptions = true, versionProvider = TqcCli.Version.class,
    description = "TQC — bulk text-message transmission qualification certification (대량문자 전송자격인증제).",
    subcommands = {KeygenCommand.class, TokenCommand.class, RelayCommand.class, AdminCommand.class, SendCommand.class,
        EvidenceCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        " 0:success",
        " 1:refused or invalid (error: <reason_code>: <detail>)",
        " 2:usage error",
        " 3:I/O error or relay unreachable",
        " 4:unexpected internal error"})
public final class TqcCli {
  /** Success. */
  public static final int EXIT_OK = 0;
  /** Refused, invalid input, verification failed. */
  public static final int EXIT_REFUSED = 1;
  /** Bad command line. */
  public static final int EXIT_USAGE = 2;
  /** I/O error or relay unreachable. */
  public static final int EXIT_IO = 3;
  /** Bug. */
  public static final int EXIT_INTERNAL = 4;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  /** Runs the CLI and exits the JVM with its exit code. */
  public static void main(String[] args) {
    configureLogging(args);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
        StandardCharsets.UTF_8), true);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * The CLI speaks for itself: library logs (SLF4J simple, on stderr) show only warnings, only
   * errors during the demo, everything with {@code --verbose}. A level set with
   * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
   */
  static void configureLogging(String[] args) {
    String property = "org.slf4j.simpleLogger.defaultLogLevel";
    if (System.getProperty(property) != null) {
      return;
    }
    java.util.List<String> list = java.util.Arrays.asList(args);
    String level = list.contains("--verbose") ? "info" : list.contains("demo") ? "error" : "warn";
    System.setProperty(property, level);
  }

  /** Runs the CLI with the given streams; returns the exit code (for tests and embedding). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new TqcCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      CommandLine cmd = exception.getCommandLine();
      cmd.getErr().println("error: usage: " + exception.getMessage() + " (see "
          + cmd.getCommandSpec().qualifiedName() + " --help)");
      cmd.getErr().flush();
      return EXIT_USAGE;
    });
    commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
      boolean verbose = parseResult.matchedOptionValue("--verbose", false)
          || cmd.getCommandSpec().root().commandLine().<TqcCli>getCommand().verbose;
      return report(exception, cmd.getErr(), verbose);
    });
    return commandLine.execute(args);
  }

  static int report(Exception exception, PrintWriter err, boolean verbose) {
    int code;
    if (exception instanceof TqcClientException) {
      TqcClientException refusal = (TqcClientException) exception;
      err.println("error: " + refusal.reason().code() + ": " + refusal.detail());
      code = refusal.reason() == ReasonCode.RELAY_UNAVAILABLE ? EXIT_IO : EXIT_REFUSED;
    } else if (exception instanceof TqcException) {
      TqcException tqc = (TqcException) exception;
      err.println("error: " + tqc.reason().code() + ": " + tqc.detail());
      code = EXIT_REFUSED;
    } else if (exception instanceof CliException) {
      err.println("error: " + exception.getMessage());
      code = ((CliException) exception).exitCode();
    } else if (exception instanceof java.io.IOException) {
      err.println("error: io: " + exception.getMessage());
      code = EXIT_IO;
    } else {
      err.println("error: internal: " + exception);
      code = EXIT_INTERNAL;
    }
    if (verbose) {
      exception.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = TqcCli.class.getPackage().getImplementationVersion();
      return new String[] {"tqc " + (version == null ? "development" : version)};
    }
  }
}
