package io.tqc.api.compliance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One protected brand of {@code protected-brands.txt} and the look-alike test against it: a host
 * label (a hyphen-separated part of one, the label without hyphens, or two adjacent labels joined)
 * that equals a keyword after confusable folding, is within a small edit distance of it, or contains
 * it. Immutable.
 */
final class ProtectedBrand {
  final String name;
  final List<String> domains;
  /** Keyword skeletons (confusables folded). */
  final String[] keywords;
  /** Per keyword: match only by equality of skeletons. */
  final boolean[] exactOnly;

  private ProtectedBrand(String name, List<String> domains, String[] keywords, boolean[] exactOnly) {
    this.name = name;
    this.domains = domains;
    this.keywords = keywords;
    this.exactOnly = exactOnly;
  }

  /**
   * Parses a brand list.
   *
   * @throws IllegalArgumentException naming the first bad line
   */
  static List<ProtectedBrand> parse(String text) {
    List<ProtectedBrand> brands = new ArrayList<>();
    int number = 0;
    for (String line : DataFile.linesOf(text)) {
      number++;
      String[] fields = line.split("\\|", -1);
      if (fields.length != 3 || fields[0].trim().isEmpty()) {
        throw new IllegalArgumentException("protected-brand line " + number
            + " must be \"name | domains | keywords\"");
      }
      List<String> domains = new ArrayList<>();
      for (String domain : words(fields[1])) {
        domains.add(UrlRules.domain(domain, "protected-brand line " + number + ": domain"));
      }
      List<String> words = words(fields[2]);
      if (domains.isEmpty() || words.isEmpty()) {
        throw new IllegalArgumentException("protected-brand line " + number + " needs a domain and a keyword");
      }
      String[] keywords = new String[words.size()];
      boolean[] exact = new boolean[words.size()];
      for (int i = 0; i < keywords.length; i++) {
        String word = words.get(i).toLowerCase(Locale.ROOT);
        exact[i] = word.endsWith("!");
        if (exact[i]) {
          word = word.substring(0, word.length() - 1);
        }
        if (word.length() < 3) {
          throw new IllegalArgumentException("protected-brand line " + number + ": keyword "
              + RuleText.quote(word) + " is shorter than 3 letters");
        }
        keywords[i] = skeleton(word);
      }
      brands.add(new ProtectedBrand(fields[0].trim(), Collections.unmodifiableList(domains), keywords, exact));
    }
    return Collections.unmodifiableList(brands);
  }

  private static List<String> words(String field) {
    List<String> out = new ArrayList<>();
    for (String word : field.trim().split("\\s+")) {
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
    return out;
  }

  /** The name of the first brand {@code unicodeHost} (not an official domain) imitates, or null. */
  static String imitated(List<ProtectedBrand> brands, String unicodeHost) {
    String[] labels = unicodeHost.split("\\.", -1);
    List<String> asList = new ArrayList<>(labels.length);
    Collections.addAll(asList, labels);
    int suffix = PublicSuffixes.suffixLabels(asList);
    int candidates = labels.length - Math.max(1, suffix);
    if (candidates <= 0) {
      return null;
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      String label = labels[i];
      tokens.add(skeleton(label));
      if (label.indexOf('-') >= 0 || label.indexOf('_') >= 0) {
        String[] parts = label.split("[-_]");
        for (int p = 0; p < parts.length; p++) {
          if (!parts[p].isEmpty()) {
            tokens.add(skeleton(parts[p]));
            if (p + 1 < parts.length) {
              tokens.add(skeleton(parts[p] + parts[p + 1]));
            }
          }
        }
        tokens.add(skeleton(label.replace("-", "").replace("_", "")));
      }
      if (i + 1 < labels.length) {
        tokens.add(skeleton((label + labels[i + 1]).replace("-", "")));
      }
    }
    for (ProtectedBrand brand : brands) {
      for (int k = 0; k < brand.keywords.length; k++) {
        String keyword = brand.keywords[k];
        for (String token : tokens) {
          if (matches(token, keyword, brand.exactOnly[k])) {
            return brand.name;
          }
        }
      }
    }
    return null;
  }

  private static boolean matches(String token, String keyword, boolean exactOnly) {
    if (token.equals(keyword)) {
      return true;
    }
    if (exactOnly) {
      return false;
    }
    int length = keyword.length();
    if (length >= 6 && token.contains(keyword)) {
      return true;
    }
    if (length >= 5 && Math.abs(token.length() - length) <= 2) {
      int allowed = length >= 10 ? 2 : 1;
      return distance(token, keyword, allowed) <= allowed;
    }
    return false;
  }

  /** Optimal-string-alignment distance (adjacent transpositions count 1), stopping early past {@code max}. */
  static int distance(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        rowMin = Math.min(rowMin, value);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
    return previous[m];
  }

  /**
   * {@code label} lower case with confusables folded to one representative: digits that pass for
   * letters (0 o, 1 l, 3 e, 5 s), i / l / 1 / |, Cyrillic and Greek look-alikes, and {@code rn} as
   * {@code m}, {@code vv} as {@code w}.
   */
  static String skeleton(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = fold(lower.charAt(i));
      int last = out.length() - 1;
      if (c == 'n' && last >= 0 && out.charAt(last) == 'r') {
        out.setCharAt(last, 'm');
      } else if (c == 'v' && last >= 0 && out.charAt(last) == 'v') {
        out.setCharAt(last, 'w');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static char fold(char c) {
    switch (c) {
      case '0': case 'о': case 'ο': case 'σ':
        return 'o';
      case '1': case 'i': case '|': case '!': case 'і': case 'ӏ': case 'ι': case 'l':
        return 'l';
      case '3': case 'е': case 'ё': case 'ε':
        return 'e';
      case '5': case '$': case 'ѕ':
        return 's';
      case 'а': case 'α':
        return 'a';
      case 'в': case 'β':
        return 'b';
      case 'к': case 'κ':
        return 'k';
      case 'м':
        return 'm';
      case 'н':
        return 'h';
      case 'η':
        return 'n';
      case 'р': case 'ρ':
        return 'p';
      case 'с': case 'ϲ':
        return 'c';
      case 'т': case 'τ':
        return 't';
      case 'у': case 'υ':
        return 'y';
      case 'х': case 'χ':
        return 'x';
      case 'ј':
        return 'j';
      case 'ԁ':
        return 'd';
      case 'ԝ': case 'ω':
        return 'w';
      case 'ν':
        return 'v';
      default:
        return c;
    }
  }
}
