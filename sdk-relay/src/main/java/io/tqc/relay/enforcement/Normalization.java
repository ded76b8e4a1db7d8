package io.tqc.relay.enforcement;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * How a text and a recipient number are brought to one form before they are digested, on both
 * sides of a traceback: when the relay records an accepted message and when a report quotes what a
 * phone showed. Specified in docs/protocol.md ("Traceback normalisation"); change it only with a
 * new digest version, or old messages no longer match.
 */
public final class Normalization {
  /** Carrier labels a handset may prepend to a message sent over the internet or from abroad. */
  private static final Pattern CARRIER_PREFIX =
      Pattern.compile("^\\[\\s*(?:web\\s*발신|국제\\s*발신|국외\\s*발신)\\s*\\]", Pattern.CASE_INSENSITIVE);
  private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\uFEFF\\u00AD]");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u0085\\u00A0\\u2028\\u2029\\u3000]+");

  private Normalization() {}

  /**
   * The normalised text: Unicode NFKC (full-width letters, digits and punctuation become their
   * ordinary forms, {@code ㈜} becomes {@code (주)}); zero-width characters and soft hyphens
   * removed; a leading carrier label ({@code [Web발신]}, {@code [국제발신]}, {@code [국외발신]}, any
   * case and spacing) removed, repeatedly; every run of white space, line breaks included, made one
   * space; leading and trailing space removed.
   */
  public static String text(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text is required");
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = INVISIBLE.matcher(s).replaceAll("");
    s = WHITESPACE.matcher(s).replaceAll(" ").trim();
    while (true) {
      String stripped = CARRIER_PREFIX.matcher(s).replaceFirst("").trim();
      if (stripped.equals(s)) {
        return s;
      }
      s = stripped;
    }
  }

  /**
   * The recipient number in national form: full-width digits folded (NFKC), separators (space,
   * {@code -}, {@code .}, parentheses) removed, a {@code +82} or {@code 82} country prefix replaced
   * by {@code 0}; the result must be a Korean mobile number ({@code 010} and 11 digits, or
   * {@code 011}/{@code 016}–{@code 019} and 10–11 digits).
   *
   * @return the national form, or {@code null} if {@code number} is not a Korean mobile number
   */
  public static String recipient(String number) {
    if (number == null) {
      return null;
    }
    String s = Normalizer.normalize(number, Normalizer.Form.NFKC).trim();
    StringBuilder digits = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && digits.length() == 0 && i == 0) {
        digits.append('+');
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        return null;
      }
    }
    String d = digits.toString();
    if (d.startsWith("+82")) {
      d = "0" + stripZero(d.substring(3));
    } else if (d.startsWith("+")) {
      return null;
    } else if (d.startsWith("82")) {
      d = "0" + stripZero(d.substring(2));
    }
    if (d.length() < 10 || d.length() > 11 || !d.startsWith("01")) {
      return null;
    }
    char third = d.charAt(2);
    if (third == '0') {
      return d.length() == 11 ? d : null;
    }
    return third == '1' || (third >= '6' && third <= '9') ? d : null;
  }

  private static String stripZero(String rest) {
    return rest.startsWith("0") ? rest.substring(1) : rest;
  }

  /** A sender (caller id) number as digits only (NFKC, separators removed), or {@code null}. */
  public static String sender(String number) {
    if (number == null) {
      return null;
    }
    String s = Normalizer.normalize(number, Normalizer.Form.NFKC).trim();
    StringBuilder digits = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        return null;
      }
    }
    return digits.length() >= 4 && digits.length() <= 12 ? digits.toString() : null;
  }
}
