package io.tqc.relay.protection;

/** How a recipient's opt-out (수신거부) reached the relay. */
public enum OptOutSource {
  /** The advertiser's free 080 opt-out line (ARS), pushed by its 080 service provider. */
  ARS_080("080_ars"),
  /** Entered by an operator (admin API or CSV import). */
  MANUAL("manual"),
  /** A web form or app. */
  WEB("web");

  private final String code;

  OptOutSource(String code) {
    this.code = code;
  }

  /** The wire name: {@code 080_ars}, {@code manual} or {@code web}. */
  public String code() {
    return code;
  }

  /** The source named {@code code}, or null if there is none. */
  public static OptOutSource fromCode(String code) {
    for (OptOutSource source : values()) {
      if (source.code.equals(code)) {
        return source;
      }
    }
    return null;
  }
}
