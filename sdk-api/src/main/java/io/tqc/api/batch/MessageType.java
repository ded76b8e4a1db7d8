package io.tqc.api.batch;

/**
 * The kind of text message a batch message declares (its {@code "type"} member): what the carriers
 * bill and route it as. A message without a declared type is sized by its text alone (SMS up to
 * 90 EUC-KR bytes, LMS up to 2,000); declaring one is needed for a subject ({@link #LMS} or
 * {@link #MMS}) and for images ({@link #MMS} only).
 *
 * <p>The limits the compliance engine applies to each type are in
 * {@link io.tqc.api.compliance.MessageClass} and docs/compliance.md.
 */
public enum MessageType {
  /** Short message (단문): text only, no subject, no images. */
  SMS("SMS"),
  /** Long message (장문): text and an optional subject, no images. */
  LMS("LMS"),
  /** Multimedia message (멀티미디어/포토 문자): text, an optional subject and one or more images. */
  MMS("MMS");

  private final String wire;

  MessageType(String wire) {
    this.wire = wire;
  }

  /** The value of the {@code "type"} member: {@code SMS}, {@code LMS} or {@code MMS}. */
  public String wireName() {
    return wire;
  }

  /** The type whose {@link #wireName()} is exactly {@code wire} (case-sensitive), or {@code null}. */
  public static MessageType fromWireName(String wire) {
    for (MessageType type : values()) {
      if (type.wire.equals(wire)) {
        return type;
      }
    }
    return null;
  }
}
