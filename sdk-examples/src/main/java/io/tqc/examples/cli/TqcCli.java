package io.tqc.examples.cli;

import io.tqc.api.TqcException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code java -jar tqc.jar}. Exit codes: 0 success; 1 refused or invalid (a TQC
 * reason code is printed as {@code error: <code>: <detail>}); 2 usage error; 3 I/O or relay
 * unreachable; 4 unexpected internal error.
 */
@Command(name = "tqc", mixinStandardHelpOptions = true, versionProvider = TqcCli.Version.class,
    description = "TQC — bulk text-message transmission qualification certification (대량문자 전송자격인증제).",
    subcommands = {KeygenCommand.class, TokenCommand.class, CommandLine.HelpCommand.class},
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

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams; returns the exit code (for tests and embedding). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new TqcCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
      boolean verbose = parseResult.matchedOptionValue("--verbose", false)
          || cmd.getCommandSpec().root().commandLine().<TqcCli>getCommand().verbose;
      return report(exception, cmd.getErr(), verbose);
    });
    return commandLine.execute(args);
  }

  static int report(Exception exception, PrintWriter err, boolean verbose) {
    int code;
    if (exception instanceof TqcException) {
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
