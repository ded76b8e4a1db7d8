package io.tqc.examples.cli;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.compliance.ComplianceException;
import io.tqc.api.compliance.Violation;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.RecipientOptedOutException;
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
        CheckCommand.class, EvidenceCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
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
   * The CLI speaks for itself: library logs (SLF4J simple, on stderr) are off unless
   * {@code --verbose} (then INFO and above). {@code tqc relay} is a server: it keeps the relay's
   * warnings and errors (an operator needs them) but not the web server's start-up chatter, and a
   * start failure is the CLI's one line. A level set with
   * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
   */
  static void configureLogging(String[] args) {
    String property = "org.slf4j.simpleLogger.defaultLogLevel";
    if (System.getProperty(property) != null) {
      return;
    }
    java.util.List<String> list = java.util.Arrays.asList(args);
    boolean verbose = list.contains("--verbose");
    boolean relay = !list.isEmpty() && list.get(0).equals("relay");
    System.setProperty(property, verbose ? "info" : relay ? "warn" : "off");
    if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
      System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
    if (relay && !verbose) {
      System.setProperty("org.slf4j.simpleLogger.log.io.javalin", "off");
      System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "off");
    }
  }

  /** Runs the CLI with the given streams; returns the exit code (for tests and embedding). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new TqcCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    versionOnEveryCommand(commandLine);
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      CommandLine cmd = exception.getCommandLine();
      cmd.getErr().println("error: usage: " + usageProblem(exception) + " (see "
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

  /** {@code --version} prints the same line on every command, not only on {@code tqc}. */
  private static void versionOnEveryCommand(CommandLine commandLine) {
    commandLine.getCommandSpec().versionProvider(new Version());
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      versionOnEveryCommand(sub);
    }
  }

  /**
   * What is wrong with the command line, unknown options first: picocli reports a missing required
   * option before an unknown one, which hides the typo ({@code --outt}) that caused both.
   */
  static String usageProblem(CommandLine.ParameterException exception) {
    CommandLine.ParseResult parsed = exception.getCommandLine().getParseResult();
    java.util.List<String> unmatched = parsed == null ? java.util.Collections.emptyList() : parsed.unmatched();
    java.util.List<String> unknown = new java.util.ArrayList<>();
    for (String argument : unmatched) {
      if (argument.startsWith("-")) {
        unknown.add(argument);
      }
    }
    if (exception instanceof CommandLine.UnmatchedArgumentException) {
      for (String argument : ((CommandLine.UnmatchedArgumentException) exception).getUnmatched()) {
        if (argument.startsWith("-") && !unknown.contains(argument)) {
          unknown.add(argument);
        }
      }
    }
    if (!unknown.isEmpty()) {
      return "unknown option" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown);
    }
    return exception.getMessage();
  }

  static int report(Exception exception, PrintWriter err, boolean verbose) {
    int code;
    if (exception instanceof NonCompliantBatchException) {
      NonCompliantBatchException refusal = (NonCompliantBatchException) exception;
      err.println("error: " + refusal.reason().code() + ": " + violations(refusal.violations()));
      code = EXIT_REFUSED;
    } else if (exception instanceof RecipientOptedOutException) {
      RecipientOptedOutException refusal = (RecipientOptedOutException) exception;
      err.println("error: " + refusal.reason().code() + ": " + violations(refusal.violations()));
      code = EXIT_REFUSED;
    } else if (exception instanceof TqcClientException) {
      TqcClientException refusal = (TqcClientException) exception;
      err.println("error: " + refusal.reason().code() + ": " + refusal.detail());
      code = refusal.reason() == ReasonCode.RELAY_UNAVAILABLE ? EXIT_IO : EXIT_REFUSED;
    } else if (exception instanceof ComplianceException) {
      ComplianceException refusal = (ComplianceException) exception;
      err.println("error: " + refusal.reason().code() + ": " + violations(refusal.report().errors()));
      code = EXIT_REFUSED;
    } else if (exception instanceof TqcException) {
      TqcException tqc = (TqcException) exception;
      err.println("error: " + tqc.reason().code() + ": " + tqc.detail());
      code = tqc.reason() == ReasonCode.RELAY_UNAVAILABLE ? EXIT_IO : EXIT_REFUSED;
    } else if (exception instanceof CliException) {
      err.println("error: " + exception.getMessage());
      code = ((CliException) exception).exitCode();
    } else if (exception instanceof java.io.IOException) {
      err.println("error: io: " + Files2.describe((java.io.IOException) exception));
      code = EXIT_IO;
    } else {
      err.println("error: internal: " + exception.getClass().getSimpleName()
          + (verbose ? ": " + exception.getMessage() : " (run with --verbose for details)"));
      code = EXIT_INTERNAL;
    }
    if (verbose) {
      exception.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Every violation on one line: {@code 2 violations: messages[0] ad_marker_missing: ...; batch ...}. */
  static String violations(java.util.List<Violation> violations) {
    StringBuilder out = new StringBuilder();
    out.append(violations.size()).append(violations.size() == 1 ? " violation: " : " violations: ");
    for (int i = 0; i < violations.size(); i++) {
      Violation violation = violations.get(i);
      if (i > 0) {
        out.append("; ");
      }
      out.append(violation.location()).append(' ').append(violation.code().code()).append(": ")
          .append(violation.detail());
    }
    return out.toString();
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
