package io.tqc.api.compliance;

import java.util.List;

/**
 * One link found in a message text by {@link #find(String)}, with its host normalised for
 * screening: lower case, IDN hosts in their ASCII (punycode) form and, separately, their Unicode
 * form. Also records how the link was disguised, if it was: {@code hxxp} schemes, spaces or Hangul /
 * full-width dots inside the host, user-info before the host ({@code https://kbstar.com@evil.example}),
 * a numeric host or a host mixing scripts. Immutable.
 *
 * <p>Links are found with or without a scheme ({@code bit.ly/x}, {@code www.example.kr}); without
 * one, the host must end in a known top-level domain or public suffix. E-mail addresses are not
 * links. The finder is pure, linear in the text's length and compiles no regular expression.
 */
public final class Link {
  private final String written;
  private final String scheme;
  private final String host;
  private final String unicodeHost;
  private final String path;
  private final String userInfo;
  private final String obfuscation;

  Link(String written, String scheme, String host, String unicodeHost, String path, String userInfo,
      String obfuscation) {
    this.written = written;
    this.scheme = scheme;
    this.host = host;
    this.unicodeHost = unicodeHost;
    this.path = path;
    this.userInfo = userInfo;
    this.obfuscation = obfuscation;
  }

  /**
   * Every link in {@code text}, in order of appearance.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public static List<Link> find(String text) {
    if (text == null) {
      throw new NullPointerException("text");
    }
    return LinkFinder.find(text);
  }

  /** The link as written (after full-width characters were folded), at most 200 characters. */
  public String written() {
    return written;
  }

  /** The scheme as written, lower case ({@code https}, {@code hxxp}), or {@code null} if none was written. */
  public String scheme() {
    return scheme;
  }

  /** The host, lower case, ASCII (an IDN host in punycode, {@code xn--...}); an IP address as written. */
  public String host() {
    return host;
  }

  /** The host in Unicode (an IDN host decoded), lower case. */
  public String unicodeHost() {
    return unicodeHost;
  }

  /** The path, query and fragment as written (starting with {@code /}, {@code ?} or {@code #}), or empty. */
  public String path() {
    return path;
  }

  /** What came before {@code @} in the authority ({@code https://kbstar.com@evil.example}), or null. */
  public String userInfo() {
    return userInfo;
  }

  /** True if the link was written to evade screening; {@link #obfuscation()} says how. */
  public boolean isObfuscated() {
    return obfuscation != null;
  }

  /** How the link was disguised, e.g. {@code "a full-width dot inside the host"}, or null. */
  public String obfuscation() {
    return obfuscation;
  }

  /** {@code host + path}: the form blocklisted URLs are compared in (no scheme, host lower case). */
  public String hostAndPath() {
    return host + path;
  }

  /** {@code Link{https://evil.example/x, obfuscated: ...}}. */
  @Override
  public String toString() {
    return "Link{" + (scheme != null ? scheme + "://" : "") + host + path
        + (obfuscation != null ? ", obfuscated: " + obfuscation : "") + "}";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Link)) {
      return false;
    }
    Link other = (Link) o;
    return written.equals(other.written) && host.equals(other.host) && path.equals(other.path)
        && eq(scheme, other.scheme) && eq(userInfo, other.userInfo) && eq(obfuscation, other.obfuscation);
  }

  @Override
  public int hashCode() {
    return (written.hashCode() * 31 + host.hashCode()) * 31 + path.hashCode();
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }
}
