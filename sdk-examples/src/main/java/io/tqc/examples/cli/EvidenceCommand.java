package io.tqc.examples.cli;

import io.tqc.api.key.KeySet;
import io.tqc.relay.enforcement.EvidenceVerification;
import io.tqc.relay.enforcement.EvidenceVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tqc evidence verify BUNDLE --jwks FILE_OR_URL}. */
@Command(name = "evidence", mixinStandardHelpOptions = true,
    description = "Work with evidence bundles exported by a relay (tqc admin evidence).",
    subcommands = {EvidenceCommand.Verify.class})
final class EvidenceCommand {
  /** Verifies a bundle offline. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify an evidence bundle offline: the relay's signature over every line, every token against",
          "the relay keys, every proof against its token, the hash chain unbroken, the checkpoints signed.",
          "Exit 0 if everything verifies; else exit 1 naming the first failing line."})
  static final class Verify implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle file (.jsonl).")
    Path bundle;

    @Option(names = "--jwks", required = true, paramLabel = "FILE_OR_URL",
        description = "The relay's JWKS (with every key that signed in the period): a file or an http(s) URL.")
    String jwks;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(bundle)) {
        throw new CliException(TqcCli.EXIT_USAGE, "no such bundle file: " + bundle);
      }
      KeySet keys = KeySet.parse(TokenCommand.loadJwks(jwks));
      EvidenceVerification result = EvidenceVerifier.verify(Files.readAllBytes(bundle), keys);
      PrintWriter out = spec.commandLine().getOut();
      if (result.ok()) {
        out.println("verified: " + result.records() + " records, " + result.tokens() + " tokens, "
            + result.checkpoints() + " checkpoints, " + result.lines() + " lines");
        return TqcCli.EXIT_OK;
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: evidence_invalid: " + result.firstFailure());
      for (EvidenceVerification.Failure failure : result.failures()) {
        out.println("  " + failure);
      }
      return TqcCli.EXIT_REFUSED;
    }
  }
}
