package io.tqc.relay.enforcement;

import java.util.Locale;

/** Where a spam report came from. */
public enum ReportSource {
  /** KISA's illegal-spam response centre (불법스팸대응센터, 118). */
  KISA_118,
  /** A spam trap (a number nobody consented on). */
  SPAM_TRAP,
  /** A mobile carrier's spam filter. */
  CARRIER,
  /** A recipient. */
  USER;

  /** The wire name: {@code kisa_118}, {@code spam_trap}, {@code carrier}, {@code user}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source named {@code wire}, or {@code null}. */
  public static ReportSource fromWire(String wire) {
    for (ReportSource source : values()) {
      if (source.wire().equals(wire)) {
        return source;
      }
    }
    return null;
  }
}
