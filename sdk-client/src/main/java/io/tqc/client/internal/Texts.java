package io.tqc.client.internal;

/** Small text helpers for messages built from untrusted input. */
public final class Texts {
  private Texts() {}

  /** Strips control characters and shortens {@code text} to {@code max} characters for a message. */
  public static String clean(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (text.length() > max) {
      out.append('…');
    }
    return out.toString();
  }

  /** Milliseconds as seconds with one decimal, for log lines. */
  public static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
