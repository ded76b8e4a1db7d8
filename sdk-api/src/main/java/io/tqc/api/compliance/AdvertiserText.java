package io.tqc.api.compliance;

/**
 * Where the advertiser's name and contact must appear in an advertising text. Stateless; allocates
 * nothing per message.
 */
final class AdvertiserText {
  private AdvertiserText() {
  }

  /** The name follows the marker after optional whitespace and one optional opening bracket. */
  static boolean nameFollows(String text, int from, String name) {
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

  static boolean containsIgnoreCase(String text, String part) {
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
}
