package io.tqc.api.compliance;

/**
 * The size class a Korean relay bills and routes a text message by, from its byte length in the
 * policy's charset (EUC-KR by default: ASCII 1 byte, Hangul and other KS X 1001 characters 2 bytes),
 * or from the {@link io.tqc.api.batch.MessageType} the message declares ({@link #MMS} only so).
 *
 * <p>The limits are the ones the providers document alike: SMS text 0–90 bytes, LMS and MMS text
 * 0–2,000 bytes, LMS and MMS subject 0–40 bytes, counted in EUC-KR (Naver Cloud SENS "메시지 발송",
 * https://api.ncloud-docs.com/docs/sens-sms-send ; NHN Cloud "SMS API v3.0 가이드",
 * https://docs.nhncloud.com/ko/Notification/SMS/ko/api-guide/ ; U+ 메시지허브 "문자(SMS/LMS/MMS)",
 * https://doc.msghub.uplus.co.kr/guide/d/문자sms-lms-mms ).
 */
public enum MessageClass {
  /** Short message (단문): at most 90 bytes. */
  SMS(90),
  /** Long message (장문): at most 2,000 bytes. */
  LMS(2000),
  /** Multimedia message (멀티미디어): text of at most 2,000 bytes with images; only ever declared. */
  MMS(2000);

  /** The largest subject (제목) of an LMS or MMS, in bytes of the policy's charset. */
  public static final int MAX_SUBJECT_BYTES = 40;

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
   * (negative: not encodable; more than {@link #LMS}'s 2,000 bytes: too long). Never {@link #MMS}:
   * that class is declared, not measured.
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
