package io.tqc.api.compliance;

import static io.tqc.api.compliance.RuleText.quote;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * One evaluation of a {@link CompliancePolicy} against one batch. Holds the per-call scratch
 * state (charset encoder, buffers, look-alike matcher, duplicate table) reused across the batch's
 * messages; not thread-safe, never shared.
 */
final class ComplianceRun {
  private static final DateTimeFormatter KOREA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final CompliancePolicy policy;
  private final List<Violation> violations = new ArrayList<>();
  private final char[] digits = new char[KoreanPhoneNumbers.MAX_DIGITS + 1];
  /** Per-character sizes in the policy's charset, or {@code null} to use the encoder. */
  private final byte[] sizes;
  /** Reused copy of the current text's characters; grows as needed. */
  private char[] chars;
  /** Created on first need: a text with surrogates, or a charset without a size table. */
  private CharsetEncoder encoder;
  private ByteBuffer out;
  /** Wraps {@link #chars}; null after {@code chars} grows. */
  private CharBuffer in;
  private Matcher lookAlike;

  /** Index of the first character the last {@link #byteLength} could not encode, or -1. */
  private int unencodableAt;
  /** How many characters (code points) the last {@link #byteLength} could not encode. */
  private int unencodableCount;

  ComplianceRun(CompliancePolicy policy) {
    this.policy = policy;
    this.sizes = CharsetSizes.table(policy.charset());
  }

  ComplianceReport run(Batch batch, List<String> registeredSenderNumbers, Instant defaultSendTime) {
    Instant sendTime = batch.sendAt() != null ? batch.sendAt() : defaultSendTime;
    // Korea time by arithmetic, valid for every Instant (atZone fails near Instant.MAX).
    ZoneOffset offset = CompliancePolicy.KOREA.getRules().getOffset(sendTime);
    long localSeconds = sendTime.getEpochSecond() + offset.getTotalSeconds();
    int hour = (int) (Math.floorMod(localSeconds, 86_400L) / 3_600);
    boolean night = hour >= CompliancePolicy.NIGHT_START_HOUR || hour < CompliancePolicy.NIGHT_END_HOUR;

    checkSenderNumber(batch.senderNumber(), registeredSenderNumbers);
    String name = null;
    String contact = null;
    if (batch.advertising()) {
      name = trimmed(batch.advertiserName());
      contact = trimmed(batch.advertiserContact());
      if (name == null && on(ReasonCode.ADVERTISER_NAME_MISSING)) {
        add(ReasonCode.ADVERTISER_NAME_MISSING, Violation.BATCH,
            "the advertising batch declares no advertiser name (advertiser.name)");
      }
      if (contact == null && on(ReasonCode.ADVERTISER_CONTACT_MISSING)) {
        add(ReasonCode.ADVERTISER_CONTACT_MISSING, Violation.BATCH,
            "the advertising batch declares no advertiser contact (advertiser.contact)");
      }
    }
    String contactDigits = contact == null ? null : phoneDigits(contact);
    String nightExplanation = night && batch.advertising() && on(ReasonCode.NIGHT_CONSENT_MISSING)
        ? "the batch is sent at " + koreaTime(localSeconds) + " KST, inside the night window "
            + String.format(Locale.ROOT, "%02d:00–%02d:00",
                CompliancePolicy.NIGHT_START_HOUR, CompliancePolicy.NIGHT_END_HOUR)
            + ", and this recipient has no separate night-time consent (night_consent)"
        : null;

    List<BatchMessage> messages = batch.messages();
    int[] byteLengths = new int[messages.size()];
    DuplicateTable seen = on(ReasonCode.RECIPIENT_DUPLICATE) ? new DuplicateTable(messages.size()) : null;
    for (int i = 0; i < messages.size(); i++) {
      BatchMessage message = messages.get(i);
      checkRecipient(i, message.to(), seen);
      String text = message.text();
      if (batch.advertising()) {
        checkAdvertisingText(i, text, name, contact, contactDigits);
        if (nightExplanation != null && !message.nightConsent()) {
          add(ReasonCode.NIGHT_CONSENT_MISSING, i, nightExplanation);
        }
      } else if (on(ReasonCode.ADVERTISING_MISLABELLED)) {
        checkNotAdvertising(i, text);
      }
      byteLengths[i] = checkSize(i, text);
    }
    return new ComplianceReport(violations, byteLengths, sendTime, night);
  }

  private void checkSenderNumber(String sender, List<String> registered) {
    if (on(ReasonCode.SENDER_NUMBER_INVALID)) {
      String problem = KoreanPhoneNumbers.senderProblem(sender, digits);
      if (problem != null) {
        add(ReasonCode.SENDER_NUMBER_INVALID, Violation.BATCH,
            "sender number " + quote(sender) + " " + problem);
      }
    }
    if (registered != null && on(ReasonCode.SENDER_NUMBER_NOT_REGISTERED)) {
      for (String number : registered) {
        if (number != null && KoreanPhoneNumbers.sameNumber(sender, number)) {
          return;
        }
      }
      add(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, Violation.BATCH,
          "sender number " + quote(sender) + " is not one of the " + registered.size()
              + " numbers pre-registered for this certification");
    }
  }

  private void checkRecipient(int index, String to, DuplicateTable seen) {
    long key = KoreanPhoneNumbers.mobileKey(to, digits);
    if (key < 0) {
      if (on(ReasonCode.RECIPIENT_NUMBER_INVALID)) {
        // Never echo the number: recipient numbers are personal data.
        add(ReasonCode.RECIPIENT_NUMBER_INVALID, index,
            "the recipient is not a valid Korean mobile number (010 with 11 digits, 011/016–019 with"
                + " 10–11; dashes and spaces allowed)");
      }
      return;
    }
    if (seen != null) {
      int first = seen.putIfAbsent(key, index);
      if (first >= 0) {
        add(ReasonCode.RECIPIENT_DUPLICATE, index,
            "the recipient is the same as in messages[" + first + "]");
      }
    }
  }

  private void checkAdvertisingText(int index, String text, String name, String contact, String contactDigits) {
    int start = AdMarkers.skipWhitespace(text, 0);
    int afterMarker = start;
    if (AdMarkers.exactAt(text, start)) {
      afterMarker = start + AdMarkers.MARKER.length();
    } else {
      int end = AdMarkers.lookAlikeEnd(matcher(), text, start);
      if (end >= 0) {
        afterMarker = end;
        if (on(ReasonCode.AD_MARKER_MALFORMED)) {
          add(ReasonCode.AD_MARKER_MALFORMED, index, "the text begins with the look-alike "
              + quote(text, start, end) + " instead of exactly \"(광고)\"");
        }
      } else if (on(ReasonCode.AD_MARKER_MISSING)) {
        int elsewhere = text.indexOf(AdMarkers.MARKER);
        add(ReasonCode.AD_MARKER_MISSING, index, "the text does not begin with \"(광고)\""
            + (elsewhere > 0 ? " (it appears later, at character " + elsewhere + ")" : ""));
      }
    }
    if (name != null && on(ReasonCode.ADVERTISER_NAME_MISSING) && !nameFollows(text, afterMarker, name)) {
      add(ReasonCode.ADVERTISER_NAME_MISSING, index,
          "the advertiser name " + quote(name) + " does not follow the marker");
    }
    if (contact != null && on(ReasonCode.ADVERTISER_CONTACT_MISSING)
        && !(contactDigits != null ? containsNumber(text, contactDigits) : containsIgnoreCase(text, contact))) {
      add(ReasonCode.ADVERTISER_CONTACT_MISSING, index,
          "the advertiser contact " + quote(contact) + " does not appear in the text");
    }
    if (on(ReasonCode.OPT_OUT_MISSING) || on(ReasonCode.OPT_OUT_NUMBER_INVALID)) {
      int optOut = OptOut.check(text);
      if (optOut == OptOut.MISSING && on(ReasonCode.OPT_OUT_MISSING)) {
        add(ReasonCode.OPT_OUT_MISSING, index,
            "the text has no free opt-out \"무료거부\" or \"무료수신거부\" followed by an 080 number");
      } else if (optOut == OptOut.NUMBER_INVALID && on(ReasonCode.OPT_OUT_NUMBER_INVALID)) {
        add(ReasonCode.OPT_OUT_NUMBER_INVALID, index,
            "the free opt-out is not followed by a valid 080 number (080-XXX-XXXX or 080-XXXX-XXXX)");
      }
    }
  }

  private void checkNotAdvertising(int index, String text) {
    int start = AdMarkers.skipWhitespace(text, 0);
    int end = AdMarkers.exactAt(text, start)
        ? start + AdMarkers.MARKER.length()
        : AdMarkers.lookAlikeEnd(matcher(), text, start);
    if (end >= 0) {
      add(ReasonCode.ADVERTISING_MISLABELLED, index, "the batch is marked advertising: false but the text"
          + " begins with the advertising marker " + quote(text, start, end));
    }
  }

  /** Byte length in the policy's charset, or -1 if not encodable; reports size violations. */
  private int checkSize(int index, String text) {
    int bytes = byteLength(text);
    if (unencodableAt >= 0 && on(ReasonCode.TEXT_NOT_ENCODABLE)) {
      add(ReasonCode.TEXT_NOT_ENCODABLE, index, unencodableCount
          + (unencodableCount == 1 ? " character" : " characters") + " cannot be encoded in "
          + policy.charset().name() + ", the first U+" + codePointHex(text, unencodableAt)
          + " at character " + unencodableAt
          + (policy.charset().equals(CompliancePolicy.EUC_KR)
              ? " (EUC-KR has no emoji and only the 2,350 Hangul syllables of KS X 1001)" : ""));
    }
    if (bytes > MessageClass.LMS.maxBytes() && on(ReasonCode.TEXT_TOO_LONG)) {
      add(ReasonCode.TEXT_TOO_LONG, index, "the text is " + (unencodableAt >= 0 ? "at least " : "") + bytes
          + " bytes in " + policy.charset().name() + "; an LMS holds at most "
          + MessageClass.LMS.maxBytes() + " (an SMS " + MessageClass.SMS.maxBytes() + ")");
    }
    return unencodableAt >= 0 ? -1 : bytes;
  }

  /**
   * Bytes {@code text} takes in the policy's charset, counting only encodable characters; sets
   * {@link #unencodableAt} and {@link #unencodableCount}.
   */
  private int byteLength(String text) {
    unencodableAt = -1;
    unencodableCount = 0;
    if (sizes == null) {
      return encodedLength(text);
    }
    int length = text.length();
    if (chars == null || chars.length < length) {
      chars = new char[Math.max(length, chars == null ? 256 : chars.length * 2)];
      in = null;
    }
    char[] buffer = chars;
    text.getChars(0, length, buffer, 0);
    int total = 0;
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      int size = sizes[c];
      if (size == 0) {
        if (Character.isSurrogate(c)) {
          // Supplementary characters (emoji) or lone surrogates: let the encoder decide.
          unencodableAt = -1;
          unencodableCount = 0;
          return encodedLength(text);
        }
        if (unencodableAt < 0) {
          unencodableAt = i;
        }
        unencodableCount++;
      }
      total += size;
    }
    return total;
  }

  /** {@link #byteLength} through the charset's encoder, one encoder and buffer pair per run. */
  private int encodedLength(String text) {
    if (encoder == null) {
      encoder = policy.charset().newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      out = ByteBuffer.allocate(1024);
    }
    int length = text.length();
    if (chars == null || chars.length < length) {
      chars = new char[Math.max(length, chars == null ? 256 : chars.length * 2)];
      in = null;
    }
    if (in == null) {
      in = CharBuffer.wrap(chars);
    }
    text.getChars(0, length, chars, 0);
    in.clear();
    in.limit(length);
    encoder.reset();
    int total = 0;
    while (true) {
      out.clear();
      CoderResult result = encoder.encode(in, out, true);
      total += out.position();
      if (result.isError()) {
        if (unencodableAt < 0) {
          unencodableAt = in.position();
        }
        unencodableCount++;
        in.position(in.position() + result.length());
      } else if (!result.isOverflow()) {
        break;
      }
    }
    out.clear();
    encoder.flush(out);
    return total + out.position();
  }

  private Matcher matcher() {
    if (lookAlike == null) {
      lookAlike = AdMarkers.newMatcher();
    }
    return lookAlike;
  }

  private boolean on(ReasonCode code) {
    return policy.enforcement(code) != Enforcement.OFF;
  }

  private void add(ReasonCode code, int index, String explanation) {
    violations.add(new Violation(code, index, RuleText.detail(code, explanation),
        policy.enforcement(code) == Enforcement.WARN));
  }

  /** The name follows the marker after optional whitespace and one optional opening bracket. */
  private static boolean nameFollows(String text, int from, String name) {
    int i = AdMarkers.skipWhitespace(text, from);
    if (text.regionMatches(true, i, name, 0, name.length())) {
      return true;
    }
    if (i < text.length() && AdMarkers.isOpenBracket(text.charAt(i))) {
      int j = AdMarkers.skipWhitespace(text, i + 1);
      return text.regionMatches(true, j, name, 0, name.length());
    }
    return false;
  }

  /**
   * The digits of a phone-like contact (digits with {@code - . ( ) space} between), or
   * {@code null} if the contact is something else (an address, a URL).
   */
  static String phoneDigits(String contact) {
    StringBuilder digitsOnly = new StringBuilder(contact.length());
    for (int i = 0; i < contact.length(); i++) {
      char c = contact.charAt(i);
      if (c >= '0' && c <= '9') {
        digitsOnly.append(c);
      } else if (!isNumberSeparator(c)) {
        return null;
      }
    }
    return digitsOnly.length() >= 3 ? digitsOnly.toString() : null;
  }

  /** True if {@code text} holds {@code digits} with separators allowed between them, not inside a longer number. */
  static boolean containsNumber(String text, String digits) {
    char first = digits.charAt(0);
    for (int i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
      if (i > 0 && isDigit(text.charAt(i - 1))) {
        continue;
      }
      int j = i;
      int k = 0;
      while (k < digits.length() && j < text.length()) {
        char c = text.charAt(j);
        if (c == digits.charAt(k)) {
          k++;
          j++;
        } else if (k > 0 && isNumberSeparator(c)) {
          j++;
        } else {
          break;
        }
      }
      if (k == digits.length() && (j == text.length() || !isDigit(text.charAt(j)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsIgnoreCase(String text, String part) {
    for (int i = 0; i + part.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNumberSeparator(char c) {
    return c == '-' || c == '.' || c == '(' || c == ')' || c == ' ';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String trimmed(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** {@code yyyy-MM-dd HH:mm:ss} of local Korea seconds; time of day only beyond LocalDateTime's range. */
  private static String koreaTime(long localSeconds) {
    try {
      return KOREA_TIME.format(LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC));
    } catch (DateTimeException e) {
      long secondOfDay = Math.floorMod(localSeconds, 86_400L);
      return String.format(Locale.ROOT, "%02d:%02d:%02d",
          secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60);
    }
  }

  private static String codePointHex(String text, int index) {
    String hex = Integer.toHexString(text.codePointAt(index)).toUpperCase(Locale.ROOT);
    return hex.length() >= 4 ? hex : "0000".substring(hex.length()) + hex;
  }

  /** Open-addressing table from recipient key to the index of its first message; no boxing. */
  private static final class DuplicateTable {
    private final long[] keys;
    private final int[] firsts;
    private final int mask;

    DuplicateTable(int expected) {
      int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
      keys = new long[capacity];
      firsts = new int[capacity];
      mask = capacity - 1;
    }

    /** Index of the earlier message with {@code key}, or -1 after recording {@code index}. Keys are never 0. */
    int putIfAbsent(long key, int index) {
      int slot = (int) (key ^ (key >>> 29) ^ (key >>> 47)) * 0x9E3779B9 & mask;
      while (keys[slot] != 0) {
        if (keys[slot] == key) {
          return firsts[slot];
        }
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      firsts[slot] = index;
      return -1;
    }
  }
}
