package io.tqc.api.compliance;

/**
 * The size class a Korean relay bills and routes a text message by, from its byte length in the
 * policy's charset (EUC-KR by default: ASCII 1 byte, Hangul and other KS X 1001 characters 2 bytes).
 */
public enum MessageClass {
  /** Short message (단문): at most 90 bytes. */
  SMS(90),
  /** Long message (장문): at most 2,000 bytes. */
  LMS(2000);

  private final int maxBytes;

  MessageClass(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The largest byte length of this class. */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * The class of a text of {@code byteLength} bytes, or {@code null} when it fits no class
   * (negative: not encodable; more than {@link #LMS}'s 2,000 bytes: too long).
   */
  public static MessageClass forByteLength(int byteLength) {
    if (byteLength < 0) {
      return null;
    }
    if (byteLength <= SMS.maxBytes) {
      return SMS;
    }
    return byteLength <= LMS.maxBytes ? LMS : null;
  }
}
