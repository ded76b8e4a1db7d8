package io.tqc.api.compliance;

import static io.tqc.api.compliance.RuleText.quote;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * One evaluation of a {@link CompliancePolicy} against one batch. Holds the per-call scratch
 * state (text sizer, look-alike matcher, duplicate table) reused across the batch's messages;
 * not thread-safe, never shared.
 */
final class ComplianceRun {
  private static final DateTimeFormatter KOREA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final CompliancePolicy policy;
  private final List<Violation> violations = new ArrayList<>();
  private final char[] digits = new char[KoreanPhoneNumbers.MAX_DIGITS + 1];
  private final TextSizer sizer;
  private Matcher lookAlike;

  ComplianceRun(CompliancePolicy policy) {
    this.policy = policy;
    this.sizer = new TextSizer(policy.charset());
  }

  ComplianceReport run(Batch batch, List<String> registeredSenderNumbers, Instant defaultSendTime) {
    Instant sendTime = batch.sendAt() != null ? batch.sendAt() : defaultSendTime;
    // Korea time by arithmetic, valid for every Instant (atZone fails near Instant.MAX).
    ZoneOffset offset = CompliancePolicy.KOREA.getRules().getOffset(sendTime);
    long localSeconds = sendTime.getEpochSecond() + offset.getTotalSeconds();
    int hour = (int) (Math.floorMod(localSeconds, 86_400L) / 3_600);
    boolean night = hour >= CompliancePolicy.NIGHT_START_HOUR || hour < CompliancePolicy.NIGHT_END_HOUR;

    checkSenderNumber(batch.senderNumber(), registeredSenderNumbers);
    String name = null;
    String contact = null;
    if (batch.advertising()) {
      name = trimmed(batch.advertiserName());
      contact = trimmed(batch.advertiserContact());
      if (name == null && on(ReasonCode.ADVERTISER_NAME_MISSING)) {
        add(ReasonCode.ADVERTISER_NAME_MISSING, Violation.BATCH,
            "the advertising batch declares no advertiser name (advertiser.name)");
      }
      if (contact == null && on(ReasonCode.ADVERTISER_CONTACT_MISSING)) {
        add(ReasonCode.ADVERTISER_CONTACT_MISSING, Violation.BATCH,
            "the advertising batch declares no advertiser contact (advertiser.contact)");
      }
    }
    String contactDigits = contact == null ? null : AdvertiserText.phoneDigits(contact);
    String nightExplanation = night && batch.advertising() && on(ReasonCode.NIGHT_CONSENT_MISSING)
        ? "the batch is sent at " + koreaTime(localSeconds) + " KST, inside the night window "
            + String.format(Locale.ROOT, "%02d:00–%02d:00",
                CompliancePolicy.NIGHT_START_HOUR, CompliancePolicy.NIGHT_END_HOUR)
            + ", and this recipient has no separate night-time consent (night_consent)"
        : null;

    List<BatchMessage> messages = batch.messages();
    int[] byteLengths = new int[messages.size()];
    DuplicateTable seen = on(ReasonCode.RECIPIENT_DUPLICATE) ? new DuplicateTable(messages.size()) : null;
    boolean links = on(ReasonCode.URL_BLOCKED) || on(ReasonCode.URL_SHORTENER) || on(ReasonCode.LOOKALIKE_DOMAIN)
        || on(ReasonCode.URL_OBFUSCATED) || on(ReasonCode.URL_NOT_ALLOWED);
    Set<String> allowlist = on(ReasonCode.URL_NOT_ALLOWED) && batch.advertising()
        ? policy.urlRules().allowlist(batch.advertiserName()) : null;
    for (int i = 0; i < messages.size(); i++) {
      BatchMessage message = messages.get(i);
      checkRecipient(i, message.to(), seen);
      String text = message.text();
      if (batch.advertising()) {
        checkAdvertisingText(i, text, name, contact, contactDigits);
        if (nightExplanation != null && !message.nightConsent()) {
          add(ReasonCode.NIGHT_CONSENT_MISSING, i, nightExplanation);
        }
      } else if (on(ReasonCode.ADVERTISING_MISLABELLED)) {
        checkNotAdvertising(i, text);
      }
      if (links) {
        checkLinks(i, text, allowlist);
      }
      byteLengths[i] = checkSize(i, text);
    }
    return new ComplianceReport(violations, byteLengths, sendTime, night);
  }

  private void checkSenderNumber(String sender, List<String> registered) {
    if (on(ReasonCode.SENDER_NUMBER_INVALID)) {
      String problem = KoreanPhoneNumbers.senderProblem(sender, digits);
      if (problem != null) {
        add(ReasonCode.SENDER_NUMBER_INVALID, Violation.BATCH,
            "sender number " + quote(sender) + " " + problem);
      }
    }
    if (registered != null && on(ReasonCode.SENDER_NUMBER_NOT_REGISTERED)) {
      Violation unregistered = unregisteredSender(sender, registered,
          policy.enforcement(ReasonCode.SENDER_NUMBER_NOT_REGISTERED) == RuleMode.WARN);
      if (unregistered != null) {
        violations.add(unregistered);
      }
    }
  }

  /**
   * The sender-number registration rule, the one place it is written (the relay applies it to
   * every batch through {@link CompliancePolicy#unregisteredSender}): {@code null} if
   * {@code sender} is one of {@code registered} (dashes and spaces ignored).
   */
  static Violation unregisteredSender(String sender, java.util.Collection<String> registered, boolean warningOnly) {
    for (String number : registered) {
      if (number != null && KoreanPhoneNumbers.sameNumber(sender, number)) {
        return null;
      }
    }
    return new Violation(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, Violation.BATCH,
        RuleText.detail(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, "sender number " + quote(sender)
            + " is not one of the " + registered.size() + " numbers pre-registered for this certification"),
        warningOnly);
  }

  private void checkRecipient(int index, String to, DuplicateTable seen) {
    long key = KoreanPhoneNumbers.mobileKey(to, digits);
    if (key < 0) {
      if (on(ReasonCode.RECIPIENT_NUMBER_INVALID)) {
        // Never echo the number: recipient numbers are personal data.
        add(ReasonCode.RECIPIENT_NUMBER_INVALID, index,
            "the recipient is not a valid Korean mobile number (010 with 11 digits, 011/016–019 with"
                + " 10–11; dashes and spaces allowed)");
      }
      return;
    }
    if (seen != null) {
      int first = seen.putIfAbsent(key, index);
      if (first >= 0) {
        add(ReasonCode.RECIPIENT_DUPLICATE, index,
            "the recipient is the same as in messages[" + first + "]");
      }
    }
  }

  private void checkAdvertisingText(int index, String text, String name, String contact, String contactDigits) {
    int start = AdMarkers.skipWhitespace(text, 0);
    int afterMarker = start;
    if (AdMarkers.exactAt(text, start)) {
      afterMarker = start + AdMarkers.MARKER.length();
    } else {
      int end = AdMarkers.lookAlikeEnd(matcher(), text, start);
      if (end >= 0) {
        afterMarker = end;
        if (on(ReasonCode.AD_MARKER_MALFORMED)) {
          add(ReasonCode.AD_MARKER_MALFORMED, index, "the text begins with the look-alike "
              + quote(text, start, end) + " instead of exactly \"(광고)\"");
        }
      } else if (on(ReasonCode.AD_MARKER_MISSING)) {
        int elsewhere = text.indexOf(AdMarkers.MARKER);
        add(ReasonCode.AD_MARKER_MISSING, index, "the text does not begin with \"(광고)\""
            + (elsewhere > 0 ? " (it appears later, at character " + elsewhere + ")" : ""));
      }
    }
    if (name != null && on(ReasonCode.ADVERTISER_NAME_MISSING) && !AdvertiserText.nameFollows(text, afterMarker, name)) {
      add(ReasonCode.ADVERTISER_NAME_MISSING, index,
          "the advertiser name " + quote(name) + " does not follow the marker");
    }
    if (contact != null && on(ReasonCode.ADVERTISER_CONTACT_MISSING)
        && !(contactDigits != null ? AdvertiserText.containsNumber(text, contactDigits)
            : AdvertiserText.containsIgnoreCase(text, contact))) {
      add(ReasonCode.ADVERTISER_CONTACT_MISSING, index,
          "the advertiser contact " + quote(contact) + " does not appear in the text");
    }
    if (on(ReasonCode.OPT_OUT_MISSING) || on(ReasonCode.OPT_OUT_NUMBER_INVALID)) {
      int optOut = OptOut.check(text);
      if (optOut == OptOut.MISSING && on(ReasonCode.OPT_OUT_MISSING)) {
        add(ReasonCode.OPT_OUT_MISSING, index,
            "the text has no free opt-out \"무료거부\" or \"무료수신거부\" followed by an 080 number");
      } else if (optOut == OptOut.NUMBER_INVALID && on(ReasonCode.OPT_OUT_NUMBER_INVALID)) {
        add(ReasonCode.OPT_OUT_NUMBER_INVALID, index,
            "the free opt-out is not followed by a valid 080 number (080-XXX-XXXX or 080-XXXX-XXXX)");
      }
    }
  }

  private void checkNotAdvertising(int index, String text) {
    int start = AdMarkers.skipWhitespace(text, 0);
    int end = AdMarkers.exactAt(text, start)
        ? start + AdMarkers.MARKER.length()
        : AdMarkers.lookAlikeEnd(matcher(), text, start);
    if (end >= 0) {
      add(ReasonCode.ADVERTISING_MISLABELLED, index, "the batch is marked advertising: false but the text"
          + " begins with the advertising marker " + quote(text, start, end));
    }
  }

  /** The link rules, each reported once per message naming the first offending link. */
  private void checkLinks(int index, String text, Set<String> allowlist) {
    List<Link> found = LinkFinder.find(text);
    if (found.isEmpty()) {
      return;
    }
    UrlRules rules = policy.urlRules();
    Link blocked = null;
    String blockedBy = null;
    Link lookAlike = null;
    String brand = null;
    Link obfuscated = null;
    Link shortened = null;
    String shortener = null;
    Link notAllowed = null;
    int notAllowedCount = 0;
    for (Link link : found) {
      if (blocked == null && on(ReasonCode.URL_BLOCKED)) {
        blockedBy = rules.blockedBy(link);
        blocked = blockedBy != null ? link : null;
      }
      if (lookAlike == null && on(ReasonCode.LOOKALIKE_DOMAIN)) {
        brand = rules.lookAlikeOf(link);
        lookAlike = brand != null ? link : null;
      }
      if (obfuscated == null && link.isObfuscated()) {
        obfuscated = link;
      }
      if (shortened == null && on(ReasonCode.URL_SHORTENER)) {
        shortener = rules.shortenerOf(link);
        shortened = shortener != null ? link : null;
      }
      if (allowlist != null && !UrlRules.allows(allowlist, link)) {
        notAllowedCount++;
        if (notAllowed == null) {
          notAllowed = link;
        }
      }
    }
    if (blocked != null) {
      add(ReasonCode.URL_BLOCKED, index, "the link to " + host(blocked) + " matches the blocklist entry "
          + RuleText.quote(blockedBy));
    }
    if (lookAlike != null) {
      add(ReasonCode.LOOKALIKE_DOMAIN, index, "the link to " + host(lookAlike) + " imitates the protected brand "
          + brand + (lookAlike.userInfo() != null ? " (in the part before @)" : "") + " but is not one of its domains");
    }
    if (obfuscated != null && on(ReasonCode.URL_OBFUSCATED)) {
      add(ReasonCode.URL_OBFUSCATED, index, "the link to " + host(obfuscated) + " is disguised: "
          + obfuscated.obfuscation());
    }
    if (shortened != null) {
      add(ReasonCode.URL_SHORTENER, index, "the link to " + host(shortened) + " goes through the URL shortener "
          + shortener + ", which hides where it leads");
    }
    if (notAllowed != null) {
      add(ReasonCode.URL_NOT_ALLOWED, index, "the link to " + host(notAllowed) + " is not on the advertiser's"
          + " allowlist" + (notAllowedCount > 1 ? " (" + notAllowedCount + " links are not)" : ""));
    }
  }

  private static String host(Link link) {
    String host = link.unicodeHost().equals(link.host()) ? link.host() : link.unicodeHost() + " (" + link.host() + ")";
    return "\"" + (host.length() <= 80 ? host : host.substring(0, 80) + "…") + "\"";
  }

  /** Byte length in the policy's charset, or -1 if not encodable; reports size violations. */
  private int checkSize(int index, String text) {
    int bytes = sizer.byteLength(text);
    int unencodableAt = sizer.unencodableAt();
    if (unencodableAt >= 0 && on(ReasonCode.TEXT_NOT_ENCODABLE)) {
      int count = sizer.unencodableCount();
      add(ReasonCode.TEXT_NOT_ENCODABLE, index, count
          + (count == 1 ? " character" : " characters") + " cannot be encoded in "
          + policy.charset().name() + ", the first U+" + codePointHex(text, unencodableAt)
          + " at character " + unencodableAt
          + (policy.charset().equals(CompliancePolicy.EUC_KR)
              ? " (EUC-KR has no emoji and only the 2,350 Hangul syllables of KS X 1001)" : ""));
    }
    if (bytes > MessageClass.LMS.maxBytes() && on(ReasonCode.TEXT_TOO_LONG)) {
      add(ReasonCode.TEXT_TOO_LONG, index, "the text is " + (unencodableAt >= 0 ? "at least " : "") + bytes
          + " bytes in " + policy.charset().name() + "; an LMS holds at most "
          + MessageClass.LMS.maxBytes() + " (an SMS " + MessageClass.SMS.maxBytes() + ")");
    }
    return unencodableAt >= 0 ? -1 : bytes;
  }

  private Matcher matcher() {
    if (lookAlike == null) {
      lookAlike = AdMarkers.newMatcher();
    }
    return lookAlike;
  }

  private boolean on(ReasonCode code) {
    return policy.enforcement(code) != RuleMode.OFF;
  }

  private void add(ReasonCode code, int index, String explanation) {
    violations.add(new Violation(code, index, RuleText.detail(code, explanation),
        policy.enforcement(code) == RuleMode.WARN));
  }

  private static String trimmed(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** {@code yyyy-MM-dd HH:mm:ss} of local Korea seconds; time of day only beyond LocalDateTime's range. */
  private static String koreaTime(long localSeconds) {
    try {
      return KOREA_TIME.format(LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC));
    } catch (DateTimeException e) {
      long secondOfDay = Math.floorMod(localSeconds, 86_400L);
      return String.format(Locale.ROOT, "%02d:%02d:%02d",
          secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60);
    }
  }

  private static String codePointHex(String text, int index) {
    String hex = Integer.toHexString(text.codePointAt(index)).toUpperCase(Locale.ROOT);
    return hex.length() >= 4 ? hex : "0000".substring(hex.length()) + hex;
  }

  /** Open-addressing table from recipient key to the index of its first message; no boxing. */
  private static final class DuplicateTable {
    private final long[] keys;
    private final int[] firsts;
    private final int mask;

    DuplicateTable(int expected) {
      int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
      keys = new long[capacity];
      firsts = new int[capacity];
      mask = capacity - 1;
    }

    /** Index of the earlier message with {@code key}, or -1 after recording {@code index}. Keys are never 0. */
    int putIfAbsent(long key, int index) {
      int slot = (int) (key ^ (key >>> 29) ^ (key >>> 47)) * 0x9E3779B9 & mask;
      while (keys[slot] != 0) {
        if (keys[slot] == key) {
          return firsts[slot];
        }
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      firsts[slot] = index;
      return -1;
    }
  }
}
