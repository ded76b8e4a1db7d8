package io.tqc.relay.enforcement;

import java.time.Instant;

/**
 * One report of an illegal text: when the phone received it, the recipient number, the sender number
 * the phone showed, the text as received, optionally the first-sender identification code the
 * carrier saw, and the source. Validated once when built; the recipient and text are kept only as
 * long as the report object lives (the relay stores their keyed digests, never the plaintext).
 */
public final class SpamReport {
  /** Longest accepted text (characters): an LMS is at most 2,000 EUC-KR bytes, with room for carrier labels. */
  public static final int MAX_TEXT = 4_000;

  private final Instant receivedAt;
  private final String recipient;
  private final String senderNumber;
  private final String text;
  private final String originCode;
  private final ReportSource source;
  private final String reference;

  private SpamReport(Builder b) {
    if (b.receivedAt == null) {
      throw new IllegalArgumentException("received_at is required");
    }
    if (b.source == null) {
      throw new IllegalArgumentException("source is required (kisa_118, spam_trap, carrier or user)");
    }
    this.recipient = Normalization.recipient(b.recipient);
    if (recipient == null) {
      throw new IllegalArgumentException("recipient is not a Korean mobile number");
    }
    if (b.senderNumber != null && !b.senderNumber.trim().isEmpty()) {
      this.senderNumber = Normalization.sender(b.senderNumber);
      if (senderNumber == null) {
        throw new IllegalArgumentException("sender_number is not a phone number");
      }
    } else {
      this.senderNumber = null;
    }
    if (b.text == null || b.text.trim().isEmpty()) {
      throw new IllegalArgumentException("text is required");
    }
    if (b.text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("text is longer than " + MAX_TEXT + " characters");
    }
    this.text = b.text;
    if (b.originCode != null && !b.originCode.matches("[0-9A-Za-z]{1,32}")) {
      throw new IllegalArgumentException("origin_code must be 1-32 letters or digits");
    }
    this.originCode = b.originCode;
    if (b.reference != null && (b.reference.isEmpty() || b.reference.length() > 128)) {
      throw new IllegalArgumentException("reference must be 1-128 characters");
    }
    this.reference = b.reference;
    this.receivedAt = Instant.ofEpochMilli(b.receivedAt.toEpochMilli());
    this.source = b.source;
  }

  /** When the phone received the message. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The recipient in national form ({@link Normalization#recipient}). */
  public String recipient() {
    return recipient;
  }

  /** The sender number shown, digits only, or {@code null} if not reported. */
  public String senderNumber() {
    return senderNumber;
  }

  /** The text as reported. */
  public String text() {
    return text;
  }

  /** The first-sender identification code the carrier saw, or {@code null}. */
  public String originCode() {
    return originCode;
  }

  /** The source. */
  public ReportSource source() {
    return source;
  }

  /** The reporter's own reference (for example a KISA case number), or {@code null}. */
  public String reference() {
    return reference;
  }

  @Override
  public String toString() {
    // No recipient, no text: a report is personal data.
    return "SpamReport{" + source.wire() + ", received=" + receivedAt + (reference != null ? ", ref=" + reference : "")
        + "}";
  }

  /** Builds a {@link SpamReport}. */
  public static final class Builder {
    private Instant receivedAt;
    private String recipient;
    private String senderNumber;
    private String text;
    private String originCode;
    private ReportSource source;
    private String reference;

    /** When the phone received it (required). */
    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = receivedAt;
      return this;
    }

    /** The recipient number in any usual form: {@code 010-1234-5678}, {@code +82 10 1234 5678} (required). */
    public Builder recipient(String recipient) {
      this.recipient = recipient;
      return this;
    }

    /** The sender number the phone showed (optional, needed for a probable match). */
    public Builder senderNumber(String senderNumber) {
      this.senderNumber = senderNumber;
      return this;
    }

    /** The text as the phone showed it (required). */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /** The first-sender identification code the carrier saw (optional). */
    public Builder originCode(String originCode) {
      this.originCode = originCode;
      return this;
    }

    /** The source (required). */
    public Builder source(ReportSource source) {
      this.source = source;
      return this;
    }

    /** The reporter's reference (optional; two reports with the same source and reference are duplicates). */
    public Builder reference(String reference) {
      this.reference = reference;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the first invalid field
     */
    public SpamReport build() {
      return new SpamReport(this);
    }
  }
}
