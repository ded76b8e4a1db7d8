package io.tqc.api.compliance;

import java.net.IDN;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The data the link rules of a {@link CompliancePolicy} screen against: the blocklist
 * ({@code url_blocked}, domains and URLs), the URL shorteners ({@code url_shortener}), the protected
 * brands ({@code lookalike_domain}) and the advertisers' allowlists ({@code url_not_allowed}).
 * Immutable and thread-safe; build with {@link Builder} or start from {@link #defaults()}.
 *
 * <p>The defaults carry the bundled shortener and protected-brand lists (resources
 * {@code io/tqc/api/compliance/url-shorteners.txt} and {@code protected-brands.txt}: data, amended
 * without code changes), an empty blocklist and no allowlists. A relay imports its blocklist (for
 * example KISA's reported smishing URLs) with {@link Builder#blockDomain} / {@link Builder#blockUrl}
 * and publishes a new policy when it changes.
 *
 * <pre>{@code
 * UrlRules rules = UrlRules.defaults().newBuilder()
 *     .blockDomain("evil-delivery.xyz")
 *     .blockUrl("https://bit.ly/3AbCdEf")
 *     .allowlist("봄빛마트", Arrays.asList("bomvit.co.kr"))
 *     .build();
 * CompliancePolicy policy = new CompliancePolicy.Builder().urlRules(rules).build();
 * }</pre>
 */
public final class UrlRules {
  /** Most entries a blocklist may hold (domains and URLs together). */
  public static final int MAX_BLOCKLIST = 5_000_000;

  private static final UrlRules DEFAULTS = new Builder().build();

  private final Set<String> blockedDomains;
  private final Map<String, List<String>> blockedPaths;
  private final int blockedUrlCount;
  private final Set<String> shorteners;
  private final List<ProtectedBrand> brands;
  private final Map<String, String> officialDomains;
  private final Map<String, Set<String>> allowlists;
  private final String brandText;

  private UrlRules(Builder b) {
    this.blockedDomains = Collections.unmodifiableSet(new HashSet<>(b.blockedDomains));
    Map<String, List<String>> paths = new HashMap<>();
    for (Map.Entry<String, List<String>> entry : b.blockedPaths.entrySet()) {
      paths.put(entry.getKey(), Collections.unmodifiableList(new ArrayList<>(entry.getValue())));
    }
    this.blockedPaths = Collections.unmodifiableMap(paths);
    this.blockedUrlCount = b.blockedUrlCount;
    this.shorteners = Collections.unmodifiableSet(new LinkedHashSet<>(b.shorteners));
    this.brandText = b.brandText;
    this.brands = ProtectedBrand.parse(b.brandText);
    Map<String, String> official = new HashMap<>();
    for (ProtectedBrand brand : brands) {
      for (String domain : brand.domains) {
        official.put(domain, brand.name);
      }
    }
    this.officialDomains = Collections.unmodifiableMap(official);
    Map<String, Set<String>> allow = new HashMap<>();
    for (Map.Entry<String, Set<String>> entry : b.allowlists.entrySet()) {
      allow.put(entry.getKey(), Collections.unmodifiableSet(new LinkedHashSet<>(entry.getValue())));
    }
    this.allowlists = Collections.unmodifiableMap(allow);
  }

  /** The bundled shortener and protected-brand lists; no blocklist, no allowlists. */
  public static UrlRules defaults() {
    return DEFAULTS;
  }

  /** A builder starting from these rules. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.blockedDomains.addAll(blockedDomains);
    for (Map.Entry<String, List<String>> entry : blockedPaths.entrySet()) {
      b.blockedPaths.put(entry.getKey(), new ArrayList<>(entry.getValue()));
    }
    b.blockedUrlCount = blockedUrlCount;
    b.shorteners.clear();
    b.shorteners.addAll(shorteners);
    b.brandText = brandText;
    for (Map.Entry<String, Set<String>> entry : allowlists.entrySet()) {
      b.allowlists.put(entry.getKey(), new LinkedHashSet<>(entry.getValue()));
    }
    return b;
  }

  /** The blocked domains (ASCII, lower case); subdomains are blocked too. */
  public Set<String> blockedDomains() {
    return blockedDomains;
  }

  /** How many URLs (host and path prefix) are blocked. */
  public int blockedUrlCount() {
    return blockedUrlCount;
  }

  /** The shortener domains (ASCII, lower case). */
  public Set<String> shorteners() {
    return shorteners;
  }

  /** The display names of the protected brands, in list order. */
  public List<String> protectedBrands() {
    List<String> names = new ArrayList<>(brands.size());
    for (ProtectedBrand brand : brands) {
      names.add(brand.name);
    }
    return Collections.unmodifiableList(names);
  }

  /** The allowlist of the advertiser named {@code advertiserName} (see {@link #advertiserKey}), or null. */
  public Set<String> allowlist(String advertiserName) {
    return advertiserName == null ? null : allowlists.get(advertiserKey(advertiserName));
  }

  /**
   * The key an advertiser is identified by: its declared name (the batch's {@code advertiser.name})
   * folded by NFKC, lower case, without whitespace; {@code (주)봄빛 마트} and {@code (주)봄빛마트}
   * are one advertiser. Null for a blank name.
   */
  public static String advertiserKey(String advertiserName) {
    if (advertiserName == null) {
      return null;
    }
    String folded = Normalizer.normalize(advertiserName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        out.append(c);
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  /** The blocklist entry {@code link} matches ({@code evil.example} or {@code evil.example/x}), or null. */
  public String blockedBy(Link link) {
    String host = link.host();
    String domain = underAny(host, blockedDomains);
    if (domain != null) {
      return domain;
    }
    if (!blockedPaths.isEmpty()) {
      List<String> paths = blockedPaths.get(host);
      if (paths != null) {
        String path = stripSlash(link.path());
        for (String prefix : paths) {
          if (path.equals(prefix) || path.startsWith(prefix) && prefix.length() > 0
              && (path.charAt(prefix.length()) == '/' || path.charAt(prefix.length()) == '?'
                  || path.charAt(prefix.length()) == '#')) {
            return host + prefix;
          }
        }
      }
    }
    return null;
  }

  /** The shortener domain {@code link} goes through, or null. */
  String shortenerOf(Link link) {
    return underAny(link.host(), shorteners);
  }

  /** The name of the protected brand {@code link}'s domain (or user-info) imitates, or null. */
  String lookAlikeOf(Link link) {
    if (underAny(link.host(), officialDomains.keySet()) == null) {
      String brand = ProtectedBrand.imitated(brands, link.unicodeHost());
      if (brand != null) {
        return brand;
      }
    }
    if (link.userInfo() != null) {
      String userHost = link.userInfo().toLowerCase(Locale.ROOT);
      String official = underAny(userHost, officialDomains.keySet());
      if (official != null) {
        return officialDomains.get(official);
      }
      return ProtectedBrand.imitated(brands, userHost);
    }
    return null;
  }

  /** True if {@code link}'s host is one of {@code allowed} or under one of them. */
  static boolean allows(Set<String> allowed, Link link) {
    return underAny(link.host(), allowed) != null;
  }

  /** The member of {@code domains} that {@code host} equals or is a subdomain of, or null. */
  static String underAny(String host, Set<String> domains) {
    if (domains.isEmpty()) {
      return null;
    }
    String candidate = host;
    while (true) {
      if (domains.contains(candidate)) {
        return candidate;
      }
      int dot = candidate.indexOf('.');
      if (dot < 0) {
        return null;
      }
      candidate = candidate.substring(dot + 1);
    }
  }

  private static String stripSlash(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }

  /**
   * {@code domain} as a lower-case ASCII host (an IDN in punycode).
   *
   * @throws IllegalArgumentException naming {@code what} if it is not a valid domain name
   */
  static String domain(String domain, String what) {
    if (domain == null) {
      throw new IllegalArgumentException(what + " is required");
    }
    String trimmed = domain.trim();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " " + RuleText.quote(trimmed) + " is not a valid domain name");
    }
    if (ascii.isEmpty() || ascii.length() > 253 || ascii.startsWith(".") || ascii.contains("..")) {
      throw new IllegalArgumentException(what + " " + RuleText.quote(trimmed) + " is not a valid domain name");
    }
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
        throw new IllegalArgumentException(what + " " + RuleText.quote(trimmed) + " is not a valid domain name");
      }
    }
    return ascii;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof UrlRules)) {
      return false;
    }
    UrlRules other = (UrlRules) o;
    return blockedDomains.equals(other.blockedDomains) && blockedPaths.equals(other.blockedPaths)
        && shorteners.equals(other.shorteners) && brandText.equals(other.brandText)
        && allowlists.equals(other.allowlists);
  }

  @Override
  public int hashCode() {
    return ((blockedDomains.hashCode() * 31 + blockedPaths.hashCode()) * 31 + shorteners.hashCode()) * 31
        + allowlists.hashCode();
  }

  /** Sizes only, e.g. {@code UrlRules{blocked 12 domains + 3 URLs, 32 shorteners, 33 brands, 1 allowlist}}. */
  @Override
  public String toString() {
    return "UrlRules{blocked " + blockedDomains.size() + " domains + " + blockedUrlCount + " URLs, "
        + shorteners.size() + " shorteners, " + brands.size() + " brands, " + allowlists.size()
        + (allowlists.size() == 1 ? " allowlist}" : " allowlists}");
  }

  /** Builds {@link UrlRules}; starts from the bundled shortener and protected-brand lists. */
  public static final class Builder {
    private static final String BUNDLED_BRANDS = joinLines(DataFile.lines("protected-brands.txt"));
    private static final List<String> BUNDLED_SHORTENERS = DataFile.lines("url-shorteners.txt");

    private final Set<String> blockedDomains = new HashSet<>();
    private final Map<String, List<String>> blockedPaths = new HashMap<>();
    private int blockedUrlCount;
    private final Set<String> shorteners = new LinkedHashSet<>();
    private String brandText = BUNDLED_BRANDS;
    private final Map<String, Set<String>> allowlists = new HashMap<>();

    /** A builder with the bundled shortener and brand lists. */
    public Builder() {
      for (String shortener : BUNDLED_SHORTENERS) {
        shorteners.add(domain(shortener, "shortener"));
      }
    }

    /**
     * Blocks {@code domain} and its subdomains ({@code url_blocked}).
     *
     * @throws IllegalArgumentException if it is not a domain name or the blocklist is full
     */
    public Builder blockDomain(String domain) {
      requireRoom();
      blockedDomains.add(domain(domain, "blocked domain"));
      return this;
    }

    /**
     * Blocks one URL and everything under its path ({@code https://bit.ly/3AbC} blocks
     * {@code bit.ly/3AbC} and {@code bit.ly/3AbC?x=1}, not {@code bit.ly/3AbD}); the scheme is
     * ignored. A URL without a path blocks the whole host, as {@link #blockDomain} would.
     *
     * @throws IllegalArgumentException if it is not a URL or the blocklist is full
     */
    public Builder blockUrl(String url) {
      requireRoom();
      if (url == null || url.trim().isEmpty() || url.length() > 2048) {
        throw new IllegalArgumentException("blocked URL must be 1-2048 characters");
      }
      String rest = url.trim();
      int scheme = rest.indexOf("://");
      if (scheme >= 0 && scheme <= 8) {
        rest = rest.substring(scheme + 3);
      }
      int slash = firstOf(rest, "/?#");
      String host = domain(slash < 0 ? rest : rest.substring(0, slash), "blocked URL host");
      String path = slash < 0 ? "" : stripSlash(rest.substring(slash));
      if (path.isEmpty()) {
        blockedDomains.add(host);
      } else {
        List<String> paths = blockedPaths.get(host);
        if (paths == null) {
          paths = new ArrayList<>(1);
          blockedPaths.put(host, paths);
        }
        if (!paths.contains(path)) {
          paths.add(path);
          blockedUrlCount++;
        }
      }
      return this;
    }

    /** Empties the blocklist (domains and URLs), e.g. before importing a new version of it. */
    public Builder clearBlocklist() {
      blockedDomains.clear();
      blockedPaths.clear();
      blockedUrlCount = 0;
      return this;
    }

    /** Replaces the shortener list with {@code domains}. */
    public Builder shorteners(Collection<String> domains) {
      Set<String> replacement = new LinkedHashSet<>();
      for (String domain : domains) {
        replacement.add(domain(domain, "shortener"));
      }
      shorteners.clear();
      shorteners.addAll(replacement);
      return this;
    }

    /**
     * Replaces the protected-brand list with {@code list}, in the format of the bundled
     * {@code protected-brands.txt}: one brand a line, {@code name | official domains | keywords}.
     *
     * @throws IllegalArgumentException naming the first bad line
     */
    public Builder protectedBrands(String list) {
      if (list == null) {
        throw new IllegalArgumentException("protected-brand list is required");
      }
      ProtectedBrand.parse(list); // validates
      brandText = joinLines(DataFile.linesOf(list));
      return this;
    }

    /**
     * Puts the advertiser named {@code advertiserName} in allowlist mode: its links may only go to
     * {@code domains} and their subdomains ({@code url_not_allowed}). An empty collection removes the
     * allowlist.
     */
    public Builder allowlist(String advertiserName, Collection<String> domains) {
      String key = advertiserKey(advertiserName);
      if (key == null || domains == null) {
        throw new IllegalArgumentException("advertiser name and domains are required");
      }
      if (domains.isEmpty()) {
        allowlists.remove(key);
        return this;
      }
      Set<String> allowed = new LinkedHashSet<>();
      for (String domain : domains) {
        allowed.add(domain(domain, "allowed domain"));
      }
      allowlists.put(key, allowed);
      return this;
    }

    /** The rules. */
    public UrlRules build() {
      return new UrlRules(this);
    }

    private void requireRoom() {
      if (blockedDomains.size() + blockedUrlCount >= MAX_BLOCKLIST) {
        throw new IllegalArgumentException("the blocklist holds at most " + MAX_BLOCKLIST + " entries");
      }
    }

    private static int firstOf(String text, String chars) {
      for (int i = 0; i < text.length(); i++) {
        if (chars.indexOf(text.charAt(i)) >= 0) {
          return i;
        }
      }
      return -1;
    }

    private static String joinLines(List<String> lines) {
      StringBuilder out = new StringBuilder();
      for (String line : lines) {
        out.append(line).append('\n');
      }
      return out.toString();
    }
  }
}
