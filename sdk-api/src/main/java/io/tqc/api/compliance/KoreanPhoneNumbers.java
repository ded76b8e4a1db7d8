package io.tqc.api.compliance;

/**
 * Korean telephone-number formats used by the compliance rules: caller ids (발신번호) under the
 * Telecommunications Business Act Art. 84-2 format rules, and mobile numbers (이동전화번호) for
 * recipients. Numbers are normalized by removing dashes and spaces; what remains must be digits.
 *
 * <p>The prefix tables are data (one row per prefix): a change of the numbering plan is a one-line
 * change. Stateless and thread-safe.
 */
public final class KoreanPhoneNumbers {
  /** Longest normalized number any rule accepts. */
  static final int MAX_DIGITS = 11;

  /** Valid caller-id prefixes: prefix, then the allowed total digit counts (min, max). */
  private static final Prefix[] SENDER_PREFIXES = {
      // mobile (이동전화)
      new Prefix("010", 11, 11), new Prefix("011", 10, 11), new Prefix("016", 10, 11),
      new Prefix("017", 10, 11), new Prefix("018", 10, 11), new Prefix("019", 10, 11),
      // Seoul (서울)
      new Prefix("02", 9, 10),
      // area codes (지역번호): Gyeonggi, Incheon, Gangwon
      new Prefix("031", 10, 11), new Prefix("032", 10, 11), new Prefix("033", 10, 11),
      // Chungnam, Daejeon, Chungbuk, Sejong
      new Prefix("041", 10, 11), new Prefix("042", 10, 11), new Prefix("043", 10, 11),
      new Prefix("044", 10, 11),
      // Busan, Ulsan, Daegu, Gyeongbuk, Gyeongnam
      new Prefix("051", 10, 11), new Prefix("052", 10, 11), new Prefix("053", 10, 11),
      new Prefix("054", 10, 11), new Prefix("055", 10, 11),
      // Jeonnam, Gwangju, Jeonbuk, Jeju
      new Prefix("061", 10, 11), new Prefix("062", 10, 11), new Prefix("063", 10, 11),
      new Prefix("064", 10, 11),
      // internet telephony (인터넷전화)
      new Prefix("070", 11, 11),
      // free-phone (수신자 요금부담)
      new Prefix("080", 10, 11),
      // nationwide representative numbers (전국대표번호): 15YY/16YY/18YY-XXXX
      new Prefix("15", 8, 8), new Prefix("16", 8, 8), new Prefix("18", 8, 8),
  };

  /** Prefixes refused as caller ids even if otherwise well-formed (050 personal/safe numbers). */
  private static final String[] SENDER_REFUSED_PREFIXES = {"050"};

  /** Valid mobile prefixes for recipients: prefix, min and max total digits. */
  private static final Prefix[] MOBILE_PREFIXES = {
      new Prefix("010", 11, 11), new Prefix("011", 10, 11), new Prefix("016", 10, 11),
      new Prefix("017", 10, 11), new Prefix("018", 10, 11), new Prefix("019", 10, 11),
  };

  private KoreanPhoneNumbers() {
  }

  /**
   * {@code number} without dashes and spaces, or {@code null} if anything else than digits remains
   * or it is empty.
   */
  public static String normalize(String number) {
    char[] digits = new char[number.length()];
    int n = digits(number, digits);
    return n <= 0 ? null : new String(digits, 0, n);
  }

  /**
   * True if {@code number} is a syntactically valid Korean caller id: after normalization 8–11
   * digits with a valid prefix (mobile, Seoul 02, an area code 031–064, 070, 080, or a 15YY/16YY/18YY
   * representative number of exactly 8 digits), and not a 050 number.
   */
  public static boolean isValidSenderNumber(String number) {
    return senderProblem(number, new char[MAX_DIGITS + 1]) == null;
  }

  /** True if {@code number} is a valid Korean mobile number (010 with 11 digits; 011/016–019 with 10–11). */
  public static boolean isValidMobileNumber(String number) {
    char[] scratch = new char[MAX_DIGITS + 1];
    return matches(MOBILE_PREFIXES, scratch, digits(number, scratch));
  }

  /**
   * A valid Korean mobile number as one {@code long} (its digits and their count packed together,
   * so {@code 010-1234-5678} and {@code 01012345678} give the same value and 10- and 11-digit
   * numbers never collide), or -1 if {@code number} is not a valid mobile number. For indexing
   * recipients without building strings.
   */
  public static long mobileNumberKey(String number) {
    return number == null ? -1 : mobileKey(number, new char[MAX_DIGITS + 1]);
  }

  /**
   * True if {@code a} and {@code b} are the same number once dashes and spaces are ignored.
   * Allocates nothing.
   */
  public static boolean sameNumber(String a, String b) {
    int i = 0;
    int j = 0;
    while (true) {
      while (i < a.length() && isSeparator(a.charAt(i))) {
        i++;
      }
      while (j < b.length() && isSeparator(b.charAt(j))) {
        j++;
      }
      if (i == a.length() || j == b.length()) {
        return i == a.length() && j == b.length();
      }
      if (a.charAt(i++) != b.charAt(j++)) {
        return false;
      }
    }
  }

  /**
   * Why {@code number} is not a valid caller id (an English phrase), or {@code null} if it is.
   * {@code scratch} must hold at least {@code MAX_DIGITS + 1} chars.
   */
  static String senderProblem(String number, char[] scratch) {
    int n = digits(number, scratch);
    if (n == 0) {
      return "is empty";
    }
    if (n < 0) {
      return "contains characters other than digits, dashes and spaces";
    }
    if (n < 8 || n > MAX_DIGITS) {
      return "has " + (n > MAX_DIGITS ? "more than " + MAX_DIGITS : String.valueOf(n))
          + " digits; caller ids have 8–11";
    }
    for (String refused : SENDER_REFUSED_PREFIXES) {
      if (startsWith(scratch, n, refused)) {
        return "is a " + refused + " number (personal or safe number), which may not be a caller id";
      }
    }
    Prefix prefix = find(SENDER_PREFIXES, scratch, n);
    if (prefix == null) {
      return "has no valid Korean prefix (010/011/016–019, 02, 031–064, 070, 080, 15YY/16YY/18YY)";
    }
    if (n < prefix.minDigits || n > prefix.maxDigits) {
      return "has " + n + " digits; " + prefix.label() + " numbers have "
          + (prefix.minDigits == prefix.maxDigits ? String.valueOf(prefix.minDigits)
              : prefix.minDigits + "–" + prefix.maxDigits);
    }
    return null;
  }

  /**
   * Checks a recipient number and returns a duplicate-detection key (digits and length packed in a
   * long), or -1 if it is not a valid mobile number. Allocates nothing.
   */
  static long mobileKey(String number, char[] scratch) {
    int n = digits(number, scratch);
    if (!matches(MOBILE_PREFIXES, scratch, n)) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      value = value * 10 + (scratch[i] - '0');
    }
    return value * 16 + n;
  }

  /**
   * Copies the digits of {@code number} into {@code out} (as many as fit), skipping dashes and
   * spaces. Returns the digit count (which may exceed {@code out.length}), or -1 if {@code number}
   * holds any other character.
   */
  static int digits(String number, char[] out) {
    int n = 0;
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c >= '0' && c <= '9') {
        if (n < out.length) {
          out[n] = c;
        }
        n++;
      } else if (!isSeparator(c)) {
        return -1;
      }
    }
    return n;
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == ' ';
  }

  private static boolean matches(Prefix[] table, char[] digits, int n) {
    Prefix prefix = n <= 0 ? null : find(table, digits, n);
    return prefix != null && n >= prefix.minDigits && n <= prefix.maxDigits;
  }

  private static Prefix find(Prefix[] table, char[] digits, int n) {
    for (Prefix prefix : table) {
      if (startsWith(digits, n, prefix.digits)) {
        return prefix;
      }
    }
    return null;
  }

  private static boolean startsWith(char[] digits, int n, String prefix) {
    if (n < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (digits[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** One row of a prefix table. */
  private static final class Prefix {
    final String digits;
    final int minDigits;
    final int maxDigits;

    Prefix(String digits, int minDigits, int maxDigits) {
      this.digits = digits;
      this.minDigits = minDigits;
      this.maxDigits = maxDigits;
    }

    /** The prefix as people write it: {@code 1588} is a {@code 15YY} number. */
    String label() {
      return digits.length() == 2 && digits.charAt(0) == '1' ? digits + "YY" : digits;
    }
  }
}
