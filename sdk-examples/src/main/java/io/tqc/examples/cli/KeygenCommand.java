package io.tqc.examples.cli;

import io.tqc.api.key.SigningKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tqc keygen --out FILE}: a new Ed25519 key; private JWK to FILE (0600), public JWK to stdout. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Generate an Ed25519 key: writes the private JWK (kid = RFC 7638 thumbprint, mode 0600) "
        + "to FILE and prints the public JWK on one line.")
final class KeygenCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private JWK.")
  Path out;

  @Override
  public Integer call() throws Exception {
    SigningKey key = SigningKey.generate();
    Files2.writeSecret(out, key.exportPrivateJwk() + "\n");
    spec.commandLine().getOut().println(key.verificationKey().toJwk());
    return TqcCli.EXIT_OK;
  }
}
