package io.tqc.examples.relay;

import io.tqc.examples.cli.TqcCli;

/**
 * {@code java -cp ... io.tqc.examples.relay.RelayMain OPTIONS} is {@code tqc relay OPTIONS}: the
 * reference relay has one entry point, the {@code relay} command of the {@code tqc} CLI
 * ({@code --port}, {@code --data}, {@code --issuer}, {@code --admin-token}, {@code --host},
 * {@code --heartbeat-seconds}, {@code --compliance}; see {@code tqc relay --help}). This class only
 * forwards to it, for launchers that name a main class in this package.
 */
public final class RelayMain {
  private RelayMain() {}

  /** Runs {@code tqc relay} with {@code args}; exits with its exit code. */
  public static void main(String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = "relay";
    System.arraycopy(args, 0, all, 1, args.length);
    TqcCli.main(all);
  }
}
