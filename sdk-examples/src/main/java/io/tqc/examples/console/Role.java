package io.tqc.examples.console;

/** What a console operator may do: a viewer reads, an operator also changes state. */
public enum Role {
  /** Reads everything (resellers, reports, cases, evidence); every state change is refused. */
  VIEWER,
  /** Also suspends, reinstates, revokes, submits reports, confirms cases and applies sanctions. */
  OPERATOR
}
