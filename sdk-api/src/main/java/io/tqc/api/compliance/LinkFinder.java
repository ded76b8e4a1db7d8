package io.tqc.api.compliance;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Finds links in a text, including disguised ones (see {@link Link}). One left-to-right pass;
 * full-width ASCII (U+FF01–U+FF5E) is folded one character for one, so positions stay those of the
 * text. No regular expressions; never throws for any input.
 */
final class LinkFinder {
  private static final int MAX_WRITTEN = 200;
  private static final int MAX_LINKS = 64;
  private static final int MAX_LABELS = 16;

  private final String raw;
  private final int n;
  private List<Link> out;

  private LinkFinder(String raw) {
    this.raw = raw;
    this.n = raw.length();
  }

  static List<Link> find(String text) {
    if (!mayHaveLink(text)) {
      return Collections.<Link>emptyList();
    }
    LinkFinder finder = new LinkFinder(text);
    finder.scan();
    return finder.out == null ? Collections.<Link>emptyList() : Collections.unmodifiableList(finder.out);
  }

  /**
   * False if {@code text} cannot hold a link: no {@code ://} and no dot (of any kind, or written as
   * 닷 / 점 / [.] / (dot)) right after an ASCII letter or digit (up to two spaces between). Allocates
   * nothing, so the common text without links costs one pass.
   */
  static boolean mayHaveLink(String text) {
    int n = text.length();
    for (int i = 1; i < n; i++) {
      char raw = text.charAt(i);
      // The two kinds of character that make up almost all of a Korean advertising text take a
      // short way: a Hangul syllable separates only as 닷 or 점, and a plain ASCII letter or digit
      // never (neither folds to anything else, and neither is ':').
      if (raw >= '\uAC00' && raw <= '\uD7A3' && raw != '닷' && raw != '점'
          || raw >= 'a' && raw <= 'z' || raw >= 'A' && raw <= 'Z' || raw >= '0' && raw <= '9') {
        continue;
      }
      char c = fold(raw);
      boolean separator = c == '.' || isDotLike(c) || c == '닷' || c == '점' || c == '[' || c == '(' || c == '{';
      if (c == ':' && i + 2 < n && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
        return true;
      }
      if (!separator) {
        continue;
      }
      int before = i - 1;
      while (before > 0 && before >= i - 2 && text.charAt(before) == ' ') {
        before--;
      }
      char previous = fold(text.charAt(before));
      if (previous >= 'a' && previous <= 'z' || previous >= 'A' && previous <= 'Z' || previous >= '0' && previous <= '9'
          || isForeignLetter(previous)) {
        return true;
      }
    }
    return false;
  }

  private static char fold(char c) {
    return c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c;
  }

  /** The character at {@code i} with full-width ASCII folded to ASCII. */
  private char at(int i) {
    char c = raw.charAt(i);
    return c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c;
  }

  private boolean fullWidth(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        return true;
      }
    }
    return false;
  }

  private void scan() {
    int i = 0;
    while (i < n && (out == null || out.size() < MAX_LINKS)) {
      char c = at(i);
      if (!isAsciiAlnum(c) && !isForeignLetter(c)) {
        i++;
        continue;
      }
      if (i > 0 && isWordish(at(i - 1))) {
        i++;
        continue;
      }
      int end = tryAt(i);
      if (end > i) {
        i = end;
      } else {
        i++;
        while (i < n && isAsciiAlnum(at(i))) {
          i++;
        }
      }
    }
  }

  /** Parses a link starting at {@code start}; returns the index after it (or after an e-mail address), else -1. */
  private int tryAt(int start) {
    String obfuscation = null;
    String scheme = null;
    int pos = start;
    int s = start;
    while (s < n && s - start < 8 && (isAsciiLetter(at(s)) || at(s) == '*')) {
      s++;
    }
    int afterColon = schemeSeparatorEnd(s);
    if (s > start && afterColon > 0) {
      String written = lower(start, s);
      if (written.equals("http") || written.equals("https")) {
        scheme = written;
      } else if (looksLikeDisguisedHttp(written)) {
        scheme = written;
        obfuscation = "the scheme is written \"" + written + "\" instead of http";
      } else {
        return -1;
      }
      if (afterColon - s != 3) {
        obfuscation = "the scheme separator is written in disguise";
      }
      pos = afterColon;
    }
    String userInfo = null;
    if (scheme != null) {
      int authorityEnd = pos;
      int at = -1;
      while (authorityEnd < n) {
        char c = at(authorityEnd);
        if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c > 0x7E && !Character.isLetterOrDigit(c)) {
          break;
        }
        if (c == '@') {
          at = authorityEnd;
        }
        authorityEnd++;
      }
      if (at > pos) {
        userInfo = raw.substring(pos, at);
        obfuscation = "user-info \"" + clip(userInfo) + "\" before the host";
        pos = at + 1;
      }
    }
    if (scheme == null) {
      int firstEnd = labelEnd(pos, false);
      if (firstEnd == pos || separatorEnd(firstEnd, null) < 0 && (firstEnd >= n || at(firstEnd) != '@')) {
        return -1;
      }
    }
    HostParse host = parseHost(pos, scheme != null);
    if (host == null) {
      return -1;
    }
    if (scheme == null && host.end < n && at(host.end) == '@') {
      HostParse real = parseHost(host.end + 1, false);
      if (!host.hasSuffix || host.labels.size() < 2) {
        return real != null ? real.end : host.end + 1; // an e-mail address, not a link
      }
      if (real == null) {
        return -1;
      }
      userInfo = join(host.labels);
      obfuscation = "user-info \"" + clip(userInfo) + "\" before the host";
      host = real;
    }
    if (scheme == null && (!host.hasSuffix || host.labels.size() < 2)) {
      return -1;
    }
    if (host.obfuscation != null && obfuscation == null) {
      obfuscation = host.obfuscation;
    }
    int end = host.end;
    if (end < n && at(end) == ':' && end + 1 < n && isDigit(at(end + 1))) {
      end++;
      while (end < n && isDigit(at(end))) {
        end++;
      }
    }
    int pathStart = end;
    if (end < n && (at(end) == '/' || at(end) == '?' || at(end) == '#')) {
      while (end < n && isPathChar(at(end))) {
        end++;
      }
      while (end > pathStart && isTrailingPunctuation(at(end - 1))) {
        end--;
      }
    }
    String path = fold(pathStart, end);
    String unicodeHost = join(host.labels).toLowerCase(Locale.ROOT);
    String asciiHost;
    try {
      asciiHost = IDN.toASCII(unicodeHost, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      if (asciiHost.contains("xn--")) {
        unicodeHost = IDN.toUnicode(asciiHost, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      }
    } catch (IllegalArgumentException e) {
      asciiHost = unicodeHost;
      if (obfuscation == null) {
        obfuscation = "the host is not a valid international domain name";
      }
    }
    if (obfuscation == null) {
      obfuscation = hostObfuscation(unicodeHost, host.labels);
    }
    if (obfuscation == null && fullWidth(start, host.end)) {
      obfuscation = "full-width characters inside the host";
    }
    String written = raw.substring(start, Math.min(end, start + MAX_WRITTEN));
    if (out == null) {
      out = new ArrayList<>(2);
    }
    out.add(new Link(written, scheme, asciiHost, unicodeHost, path, userInfo, obfuscation));
    return end;
  }

  /** After {@code ://} (or a disguised {@code [:]//}) at {@code i}; -1 if there is none. */
  private int schemeSeparatorEnd(int i) {
    if (i + 2 < n && at(i) == ':' && at(i + 1) == '/' && at(i + 2) == '/') {
      return i + 3;
    }
    if (i + 4 < n && (at(i) == '[' || at(i) == '(') && at(i + 1) == ':' && (at(i + 2) == ']' || at(i + 2) == ')')
        && at(i + 3) == '/' && at(i + 4) == '/') {
      return i + 5;
    }
    return -1;
  }

  private static boolean looksLikeDisguisedHttp(String scheme) {
    int length = scheme.length();
    if (length < 3 || length > 6) {
      return false;
    }
    boolean endsRight = scheme.endsWith("p") || scheme.endsWith("ps");
    boolean startsRight = scheme.charAt(0) == 'h' || scheme.charAt(0) == 't';
    return endsRight && startsRight;
  }

  /** The host labels from {@code i}, with the kind of separator disguise if any. */
  private static final class HostParse {
    final List<String> labels = new ArrayList<>(4);
    int end;
    boolean hasSuffix;
    String obfuscation;
  }

  private HostParse parseHost(int i, boolean schemeGiven) {
    HostParse host = new HostParse();
    int pos = i;
    while (host.labels.size() < MAX_LABELS) {
      int labelEnd = labelEnd(pos, schemeGiven);
      if (labelEnd == pos || labelEnd - pos > 63) {
        break;
      }
      host.labels.add(fold(pos, labelEnd));
      host.end = labelEnd;
      int next = separatorEnd(labelEnd, host);
      if (next < 0 || next >= n || labelEnd(next, schemeGiven) == next) {
        break;
      }
      pos = next;
    }
    if (host.labels.isEmpty()) {
      return null;
    }
    // Drop trailing labels a disguised separator let in only if the host then ends in a suffix.
    host.hasSuffix = PublicSuffixes.endsInSuffix(host.labels);
    if (!host.hasSuffix && !schemeGiven) {
      host.obfuscation = null;
    }
    return host;
  }

  private int labelEnd(int i, boolean schemeGiven) {
    if (i >= n) {
      return i;
    }
    char first = at(i);
    boolean hangul = !isAsciiAlnum(first) && !isForeignLetter(first) && Character.isLetterOrDigit(first);
    if (hangul && !schemeGiven) {
      return i;
    }
    int j = i;
    while (j < n) {
      char c = at(j);
      boolean ok = hangul ? Character.isLetterOrDigit(c) || c == '-'
          : isAsciiAlnum(c) || c == '-' || c == '_' || isForeignLetter(c);
      if (!ok) {
        break;
      }
      j++;
    }
    while (j > i && at(j - 1) == '-') {
      j--;
    }
    return j;
  }

  /** The index after a host-label separator at {@code i} (a dot, disguised or not), else -1. */
  private int separatorEnd(int i, HostParse host) {
    int j = i;
    int spaces = 0;
    while (j < n && at(j) == ' ' && spaces < 2) {
      j++;
      spaces++;
    }
    if (j >= n) {
      return -1;
    }
    char c = at(j);
    String disguise = null;
    int after;
    if (c == '.') {
      after = j + 1;
      if (raw.charAt(j) != '.') {
        disguise = "a full-width dot inside the host";
      }
    } else if (isDotLike(c)) {
      after = j + 1;
      disguise = "a Hangul or ideographic dot inside the host";
    } else if ((c == '[' || c == '(' || c == '{') && j + 2 < n && at(j + 1) == '.'
        && (at(j + 2) == ']' || at(j + 2) == ')' || at(j + 2) == '}')) {
      after = j + 3;
      disguise = "a bracketed dot inside the host";
    } else if ((c == '[' || c == '(') && j + 4 < n && regionLower(j + 1, "dot") && (at(j + 4) == ']' || at(j + 4) == ')')) {
      after = j + 5;
      disguise = "a dot written as \"dot\" inside the host";
    } else if (c == '닷' || c == '점') {
      after = j + 1;
      disguise = "a dot written in Hangul inside the host";
    } else {
      return -1;
    }
    int trailing = 0;
    while (after < n && at(after) == ' ' && trailing < 2) {
      after++;
      trailing++;
    }
    if (after >= n || !isAsciiAlnum(at(after)) && !(disguise == null && spaces == 0 && trailing == 0
        && Character.isLetterOrDigit(at(after)))) {
      return -1;
    }
    if ((spaces > 0 || trailing > 0) && disguise == null) {
      disguise = "spaces around a dot inside the host";
    }
    if (disguise != null && host != null && host.obfuscation == null) {
      host.obfuscation = disguise;
    }
    return after;
  }

  private boolean regionLower(int i, String word) {
    if (i + word.length() > n) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (Character.toLowerCase(at(i + k)) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static String hostObfuscation(String unicodeHost, List<String> labels) {
    boolean numeric = labels.size() == 4;
    for (String label : labels) {
      for (int k = 0; k < label.length() && numeric; k++) {
        numeric = isDigit(label.charAt(k));
      }
    }
    if (numeric) {
      return "the host is a numeric IP address";
    }
    for (int k = 0; k < unicodeHost.length(); k++) {
      if (isForeignLetter(unicodeHost.charAt(k))) {
        return "Cyrillic or Greek letters inside the host";
      }
    }
    return null;
  }

  private String fold(int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      out.append(at(i));
    }
    return out.toString();
  }

  private String lower(int from, int to) {
    return fold(from, to).toLowerCase(Locale.ROOT);
  }

  private static String join(List<String> labels) {
    StringBuilder out = new StringBuilder();
    for (String label : labels) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(label);
    }
    return out.toString();
  }

  private static String clip(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  static boolean isDotLike(char c) {
    switch (c) {
      case '\u3002': // ideographic full stop
      case '\uFF61': // halfwidth ideographic full stop
      case '\u00B7': // middle dot
      case '\u0387': // Greek ano teleia
      case '\u318D': // Hangul letter araea (ㆍ)
      case '\u119E': // Hangul jungseong araea
      case '\u2024': // one dot leader
      case '\u2027': // hyphenation point
      case '\u2219': // bullet operator
      case '\u22C5': // dot operator
      case '\u30FB': // katakana middle dot
      case '\uFF65': // halfwidth katakana middle dot
      case '\uFE52': // small full stop
        return true;
      default:
        return false;
    }
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiAlnum(char c) {
    return isAsciiLetter(c) || isDigit(c);
  }

  /** Cyrillic or Greek letters: the scripts whose letters pass for Latin ones in a host. */
  static boolean isForeignLetter(char c) {
    return c >= '\u0370' && c <= '\u03FF' || c >= '\u0400' && c <= '\u04FF';
  }

  private static boolean isWordish(char c) {
    return isAsciiAlnum(c) || c == '-' || c == '_' || c == '.' || c == '@' || c == '/' || isForeignLetter(c);
  }

  private static boolean isPathChar(char c) {
    return c > ' ' && c < 0x7F && c != '<' && c != '>' && c != '"' && c != '`' && c != '\\';
  }

  private static boolean isTrailingPunctuation(char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']'
        || c == '}' || c == '\'' || c == '"';
  }
}
