package io.tqc.api.batch;

/** One text message of a batch: recipient, text and the recipient's night-time consent. Immutable. */
public final class BatchMessage {
  private final String to;
  private final String text;
  private final boolean nightConsent;

  /** A message to {@code to} with {@code text}; {@code nightConsent} records separate night-time consent. */
  public BatchMessage(String to, String text, boolean nightConsent) {
    if (to == null || text == null) {
      throw new IllegalArgumentException("to and text are required");
    }
    this.to = to;
    this.text = text;
    this.nightConsent = nightConsent;
  }

  /** A message without night-time consent. */
  public BatchMessage(String to, String text) {
    this(to, text, false);
  }

  /** The recipient number as given. */
  public String to() {
    return to;
  }

  /** The message text. */
  public String text() {
    return text;
  }

  /** True if the recipient separately consented to night-time (21:00–08:00 KST) advertising. */
  public boolean nightConsent() {
    return nightConsent;
  }

  @Override
  public String toString() {
    return "BatchMessage{to=" + to + ", " + text.length() + " chars}";
  }
}
