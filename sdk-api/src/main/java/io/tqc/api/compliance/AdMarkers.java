package io.tqc.api.compliance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The advertising marker {@code (광고)} and its look-alikes (변칙 표기). The look-alikes are data:
 * one regular expression per row of {@link #LOOK_ALIKES}, tried in order at the start of the text
 * (after leading whitespace); adding a variant is a one-line change. The exact marker is tested
 * first, so a row may also match {@code (광고)} itself.
 */
final class AdMarkers {
  /** The only compliant marker. */
  static final String MARKER = "(광고)";

  /** Opening brackets of any width that may stand in for {@code (}. */
  private static final String OPEN_CHARS = "([{<（［｛＜【〔〈《「『";
  /** Closing brackets of any width that may stand in for {@code )}. */
  private static final String CLOSE_CHARS = ")]}>）］｝＞】〕〉》」』";
  private static final String OPEN = charClass(OPEN_CHARS, false);
  private static final String CLOSE = charClass(CLOSE_CHARS, false);
  /** A short word glued to 광고 inside the brackets: no bracket, no space. */
  private static final String WORD = charClass(CLOSE_CHARS + OPEN_CHARS + "\\s", true) + "{0,4}?";
  /** Fillers inside or around the word: spaces, dots, middle dots, quotes, invisible characters. */
  private static final String GAP =
      "[\\s\\u00A0\\u3000\\u200B-\\u200D\\u2060\\uFEFF.,·ㆍ・‧*_~\\-'\"‘’“”]*";

  /**
   * Look-alikes of {@code (광고)}, each a regex anchored at the start of the text (after leading
   * whitespace and invisible characters), tried in order. Every row must match a 광 or a Latin
   * {@code ad}: the regex only runs when the first {@link #WINDOW} characters hold one (see
   * {@link #mayHoldMarker}), which keeps ordinary texts off the regex engine.
   */
  static final String[] LOOK_ALIKES = {
      // short words glued inside brackets: (대출광고), (광고문자), [무료광고], (성인광고)
      OPEN + GAP + WORD + "광" + GAP + "고" + WORD + GAP + CLOSE,
      // other brackets, inner spaces, dots, quotes or invisible characters, or no closing bracket:
      // [광고], ( 광고 ), (광 고), (광.고), ("광고"), （광고）, 【광고】, <광고>, (광고 봄빛마트...
      OPEN + GAP + "광" + GAP + "고(?![가-힣])" + GAP + CLOSE + "?",
      // no opening bracket: 광고) ..., 광고] ..., 광고: ...
      "광" + GAP + "고" + GAP + "(?:" + CLOSE + "|[:：])",
      // Latin abbreviations in brackets: (AD), [Ad], (ADV), (Advertisement)
      OPEN + GAP + "(?i:ad|adv|advert|advertisement)" + GAP + CLOSE,
  };

  /** Invisible characters allowed before a look-alike (an evasion in itself). */
  private static final String INVISIBLE_PREFIX = "[\\u200B-\\u200D\\u2060\\uFEFF]*";

  private static final Pattern LOOK_ALIKE;

  static {
    StringBuilder alternation = new StringBuilder(INVISIBLE_PREFIX).append("(?:");
    for (int i = 0; i < LOOK_ALIKES.length; i++) {
      alternation.append(i == 0 ? "" : "|").append("(?:").append(LOOK_ALIKES[i]).append(')');
    }
    LOOK_ALIKE = Pattern.compile(alternation.append(')').toString());
  }

  /** Longest stretch of text a look-alike may span; bounds the regex's work per message. */
  private static final int WINDOW = 40;

  private AdMarkers() {
  }

  /** A matcher to reuse across the messages of one check (not thread-safe). */
  static Matcher newMatcher() {
    return LOOK_ALIKE.matcher("");
  }

  /** The index of the first character after leading whitespace (including no-break and ideographic spaces). */
  static int skipWhitespace(String text, int from) {
    int i = from;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** True if the text begins with exactly {@code (광고)} at {@code start}. */
  static boolean exactAt(String text, int start) {
    return text.startsWith(MARKER, start);
  }

  /** The end of a look-alike starting at {@code start}, or -1 if the text starts with none. */
  static int lookAlikeEnd(Matcher matcher, String text, int start) {
    int end = Math.min(text.length(), start + WINDOW);
    if (!mayHoldMarker(text, start, end)) {
      return -1;
    }
    matcher.reset(text);
    matcher.region(start, end);
    return matcher.lookingAt() ? matcher.end() : -1;
  }

  /** True if {@code text[start, end)} holds a 광 or a Latin "ad" (any case): a cheap pre-filter. */
  static boolean mayHoldMarker(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '광' || ((c == 'a' || c == 'A') && i + 1 < end && (text.charAt(i + 1) | 0x20) == 'd')) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code c} opens a bracket (used to allow {@code (광고)[이름]}). */
  static boolean isOpenBracket(char c) {
    return OPEN_CHARS.indexOf(c) >= 0;
  }

  /** A regex character class of {@code chars} (escaping {@code [ ] ^ - &}), negated if asked. */
  private static String charClass(String chars, boolean negate) {
    StringBuilder out = new StringBuilder(negate ? "[^" : "[");
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if ("[]^-&".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append(']').toString();
  }
}
