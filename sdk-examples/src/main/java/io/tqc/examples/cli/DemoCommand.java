package io.tqc.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tqc demo}: the whole story in about a minute or less, with an embedded relay. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the TQC story end to end (데모): an embedded relay on a free loopback port with a temporary "
        + "data directory, a reseller registered, batches sent, suspension, reinstatement, a tampered and a "
        + "replayed batch, revocation, and a summary.",
        "Exit 0 if every step behaved as described, 1 otherwise (it doubles as a smoke test)."})
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    boolean verbose = spec.root().commandLine().<TqcCli>getCommand().verbose;
    return new Demo(spec.commandLine().getOut(), verbose).run();
  }
}
