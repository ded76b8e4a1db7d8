package io.tqc.api.compliance;

/**
 * The free opt-out means (무료 수신거부): one of {@link #KEYWORDS} followed, within a few filler
 * characters, by an 080 free-phone number with or without separators. The keywords are data:
 * adding one is a one-line change.
 */
final class OptOut {
  /** Words that announce the free opt-out number. */
  static final String[] KEYWORDS = {"무료거부", "무료수신거부"};

  /** The distinct first characters of the keywords. */
  private static final String FIRSTS;

  static {
    StringBuilder firsts = new StringBuilder();
    for (String keyword : KEYWORDS) {
      if (firsts.indexOf(keyword.substring(0, 1)) < 0) {
        firsts.append(keyword.charAt(0));
      }
    }
    FIRSTS = firsts.toString();
  }

  /** Prefix of Korean free-phone (수신자 요금부담) numbers. */
  static final String FREE_PHONE_PREFIX = "080";
  /** 080-XXX-XXXX (10 digits) or 080-XXXX-XXXX (11 digits). */
  static final int MIN_DIGITS = 10;
  static final int MAX_DIGITS = 11;

  /** How many non-digit characters (spaces, colon, ☎, arrows, brackets) may stand between keyword and number. */
  private static final int MAX_FILLER = 6;

  /** Outcome: a keyword followed by a valid 080 number. */
  static final int OK = 0;
  /** Outcome: no keyword at all. */
  static final int MISSING = 1;
  /** Outcome: a keyword, but never followed by a valid 080 number. */
  static final int NUMBER_INVALID = 2;

  private OptOut() {
  }

  /**
   * Checks {@code text}; one of {@link #OK}, {@link #MISSING}, {@link #NUMBER_INVALID}. Allocates
   * nothing.
   */
  static int check(String text) {
    boolean keywordSeen = false;
    // One indexOf pass per distinct first character (today one: 무), trying the keywords there.
    for (int f = 0; f < FIRSTS.length(); f++) {
      char first = FIRSTS.charAt(f);
      for (int at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
        for (String keyword : KEYWORDS) {
          if (text.startsWith(keyword, at)) {
            keywordSeen = true;
            if (validNumberAt(text, at + keyword.length())) {
              return OK;
            }
          }
        }
      }
    }
    return keywordSeen ? NUMBER_INVALID : MISSING;
  }

  /** True if, after at most a few filler characters, {@code text} has a valid 080 number at {@code from}. */
  private static boolean validNumberAt(String text, int from) {
    int i = from;
    int filler = 0;
    while (i < text.length() && !isDigit(text.charAt(i))) {
      char c = text.charAt(i);
      if (++filler > MAX_FILLER || isHangulSyllable(c)) {
        return false;
      }
      i++;
    }
    // Read digits; '-', '.' and ')' may separate groups, a space only until the number could be complete.
    int digits = 0;
    boolean prefixOk = true;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        if (digits < FREE_PHONE_PREFIX.length() && c != FREE_PHONE_PREFIX.charAt(digits)) {
          prefixOk = false;
        }
        digits++;
        i++;
      } else if ((c == '-' || c == '.' || c == ')' || (AdMarkers.isSpace(c) && digits < MIN_DIGITS))
          && i + 1 < text.length() && isDigit(text.charAt(i + 1)) && digits > 0) {
        i++;
      } else {
        break;
      }
    }
    return prefixOk && digits >= MIN_DIGITS && digits <= MAX_DIGITS;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHangulSyllable(char c) {
    return c >= '\uAC00' && c <= '\uD7A3';
  }
}
