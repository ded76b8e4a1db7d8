package io.tqc.api.compliance;

import io.tqc.api.ReasonCode;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Korean term and legal basis of each compliance reason code, appended to every violation's
 * detail as {@code [term; basis]}. One row per code: an amendment is a one-line change here and in
 * docs/compliance.md.
 */
final class RuleText {
  static final String NETWORK_ACT_DISPLAY = "정보통신망법 제50조제4항, 시행령 제61조";
  static final String NETWORK_ACT_OPT_OUT = "정보통신망법 제50조제4항·제6항, 시행령 제61조";
  static final String NETWORK_ACT_NIGHT = "정보통신망법 제50조제3항";
  static final String TELECOM_ACT_CALLER_ID = "전기통신사업법 제84조의2";
  static final String NUMBERING_PLAN = "전기통신번호관리세칙 (numbering plan; not a statutory rule of its own)";
  static final String TQC_BATCH_RULE = "TQC batch rule, not a statutory requirement";
  static final String CARRIER_LIMIT = "carrier technical limit, not a statutory requirement";
  static final String SMISHING = "스미싱 차단: TQC relay screening in aid of 정보통신망법 제48조제2항·제49조의2, not a display rule";
  static final String ALLOWLIST = "advertiser allowlist, a relay or contract rule, not statutory";

  private static final Map<ReasonCode, String> SUFFIX = new EnumMap<>(ReasonCode.class);

  static {
    row(ReasonCode.AD_MARKER_MISSING, "광고 표시", NETWORK_ACT_DISPLAY);
    row(ReasonCode.AD_MARKER_MALFORMED, "광고 표시 변칙 표기", NETWORK_ACT_DISPLAY);
    row(ReasonCode.ADVERTISER_NAME_MISSING, "전송자의 명칭", NETWORK_ACT_DISPLAY);
    row(ReasonCode.ADVERTISER_CONTACT_MISSING, "전송자의 연락처", NETWORK_ACT_DISPLAY);
    row(ReasonCode.OPT_OUT_MISSING, "무료 수신거부", NETWORK_ACT_OPT_OUT);
    row(ReasonCode.OPT_OUT_NUMBER_INVALID, "무료 수신거부 080 번호", NETWORK_ACT_OPT_OUT);
    row(ReasonCode.NIGHT_CONSENT_MISSING, "야간 광고 전송 별도 동의", NETWORK_ACT_NIGHT);
    row(ReasonCode.ADVERTISING_MISLABELLED, "광고성 정보 표시", NETWORK_ACT_DISPLAY);
    row(ReasonCode.SENDER_NUMBER_INVALID, "발신번호", TELECOM_ACT_CALLER_ID);
    row(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, "발신번호 사전등록", TELECOM_ACT_CALLER_ID);
    row(ReasonCode.RECIPIENT_NUMBER_INVALID, "수신번호", NUMBERING_PLAN);
    row(ReasonCode.RECIPIENT_DUPLICATE, "중복 수신번호", TQC_BATCH_RULE);
    row(ReasonCode.TEXT_NOT_ENCODABLE, "표현할 수 없는 문자", CARRIER_LIMIT);
    row(ReasonCode.TEXT_TOO_LONG, "장문(LMS) 2,000바이트 초과", CARRIER_LIMIT);
    row(ReasonCode.SUBJECT_TOO_LONG, "제목 40바이트 초과", CARRIER_LIMIT);
    row(ReasonCode.MMS_TOO_MANY_IMAGES, "MMS 이미지 개수 초과", CARRIER_LIMIT);
    row(ReasonCode.MMS_IMAGE_TOO_LARGE, "MMS 이미지 용량 초과", CARRIER_LIMIT);
    row(ReasonCode.URL_BLOCKED, "차단 URL", SMISHING);
    row(ReasonCode.LOOKALIKE_DOMAIN, "사칭 도메인", SMISHING);
    row(ReasonCode.URL_OBFUSCATED, "변칙 표기 URL", SMISHING);
    row(ReasonCode.URL_SHORTENER, "단축 URL", SMISHING);
    row(ReasonCode.URL_NOT_ALLOWED, "허용되지 않은 URL", ALLOWLIST);
  }

  private RuleText() {
  }

  private static void row(ReasonCode code, String koreanTerm, String basis) {
    SUFFIX.put(code, " [" + koreanTerm + "; " + basis + "]");
  }

  /** True if {@code code} is one of the compliance codes a policy governs. */
  static boolean governs(ReasonCode code) {
    return SUFFIX.containsKey(code);
  }

  /** {@code explanation} followed by the code's {@code [term; basis]}. */
  static String detail(ReasonCode code, String explanation) {
    return explanation + SUFFIX.get(code);
  }

  /**
   * {@code text[from, to)} quoted for an error message: trailing whitespace dropped, at most 24
   * characters, control and line-separator characters as {@code ?}, invisible format characters
   * (zero-width space, BOM) as {@code <U+XXXX>}.
   */
  static String quote(String text, int from, int to) {
    int stop = to;
    while (stop > from && AdMarkers.isSpace(text.charAt(stop - 1))) {
      stop--;
    }
    int end = Math.min(stop, from + 24);
    if (end < stop && end > from && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end - from + 3).append('"');
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append('?');
      } else if (Character.getType(c) == Character.FORMAT) {
        out.append(String.format(Locale.ROOT, "<U+%04X>", (int) c));
      } else {
        out.append(c);
      }
    }
    if (end < stop) {
      out.append('…');
    }
    return out.append('"').toString();
  }

  /** The whole of {@code text} quoted as by {@link #quote(String, int, int)}. */
  static String quote(String text) {
    return quote(text, 0, text.length());
  }
}
