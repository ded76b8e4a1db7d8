package io.tqc.relay.protection;

/** A {@link UrlScreen}'s answer about one link: clean, or malicious with a category. Immutable. */
public final class UrlVerdict {
  private static final UrlVerdict CLEAN = new UrlVerdict(false, null);

  private final boolean malicious;
  private final String category;

  private UrlVerdict(boolean malicious, String category) {
    this.malicious = malicious;
    this.category = category;
  }

  /** The link is not known to be harmful. */
  public static UrlVerdict clean() {
    return CLEAN;
  }

  /**
   * The link is harmful.
   *
   * @param category what kind, e.g. {@code smishing}, {@code malware} (at most 64 printable characters)
   */
  public static UrlVerdict malicious(String category) {
    if (category == null || category.isEmpty() || category.length() > 64) {
      throw new IllegalArgumentException("category must be 1-64 characters");
    }
    for (int i = 0; i < category.length(); i++) {
      if (Character.isISOControl(category.charAt(i))) {
        throw new IllegalArgumentException("category must be printable");
      }
    }
    return new UrlVerdict(true, category);
  }

  /** True if the service found the link harmful. */
  public boolean isMalicious() {
    return malicious;
  }

  /** The category of harm, or null when clean. */
  public String category() {
    return category;
  }

  @Override
  public String toString() {
    return malicious ? "UrlVerdict{malicious: " + category + "}" : "UrlVerdict{clean}";
  }
}
