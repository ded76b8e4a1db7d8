package io.tqc.relay.protection;

import io.tqc.api.ReasonCode;
import io.tqc.api.compliance.KoreanPhoneNumbers;
import io.tqc.api.compliance.UrlRules;
import io.tqc.relay.RelayException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import io.tqc.relay.internal.SipHash;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opt-out (수신거부) suppression for one relay: turns (advertiser, recipient number) into a keyed
 * digest, HMAC-SHA256 under the relay's suppression secret, so the store never holds a number;
 * records opt-outs from the admin API, CSV imports and 080 providers' pushes (idempotent by event
 * id); and answers, from memory, which messages of a batch go to opted-out recipients. Thread-safe.
 *
 * <p>The advertiser is the batch's declared {@code advertiser.name}, folded as
 * {@link UrlRules#advertiserKey}. Numbers are Korean mobile numbers, dashes and spaces allowed.
 * An opt-out is visible to every batch checked after the call recording it returned.
 */
public final class Suppressions {
  /** Most numbers one bulk call, import or check may carry. */
  public static final int MAX_BULK = 100_000;
  /** Most per-item errors reported by a bulk call or import (the count of all is always given). */
  public static final int MAX_REPORTED_ERRORS = 100;

  private final SuppressionStore store;
  private final ThreadLocal<Mac> macs;
  private final SipHash index;

  /**
   * Suppression over {@code store} with digests keyed by {@code secret}.
   *
   * @param secret at least 32 random bytes, kept like a signing key: changing it orphans every stored digest
   */
  public Suppressions(byte[] secret, SuppressionStore store) {
    if (secret == null || secret.length < 32) {
      throw new IllegalArgumentException("the suppression secret must be at least 32 bytes");
    }
    if (store == null) {
      throw new IllegalArgumentException("store is required");
    }
    this.store = store;
    final SecretKeySpec key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.macs = new ThreadLocal<Mac>() {
      @Override
      protected Mac initialValue() {
        try {
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(key);
          return mac;
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("HmacSHA256 is not available", e);
        }
      }
    };
    // The batch path's index key: SipHash-2-4 under a key derived from the secret (one HMAC here,
    // none per recipient), so checking 1,000 recipients costs about as much as hashing them once.
    Mac mac = macs.get();
    byte[] derived = mac.doFinal("tqc suppression index key v1".getBytes(StandardCharsets.US_ASCII));
    this.index = new SipHash(derived);
    java.util.Arrays.fill(derived, (byte) 0);
  }

  /** The store. */
  public SuppressionStore store() {
    return store;
  }

  /**
   * The keyed digest of {@code number} for {@code advertiserName}, or null if the number is not a
   * valid Korean mobile number or the name is blank.
   */
  public byte[] digest(String advertiserName, String number) {
    String advertiser = UrlRules.advertiserKey(advertiserName);
    String digits = number == null ? null : KoreanPhoneNumbers.normalize(number);
    if (advertiser == null || digits == null || !KoreanPhoneNumbers.isValidMobileNumber(digits)) {
      return null;
    }
    return keyedDigest(advertiser, digits);
  }

  private byte[] keyedDigest(String advertiserKey, String digits) {
    Mac mac = macs.get();
    mac.update(advertiserKey.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Records one opt-out.
   *
   * @return true if it is new, false if the recipient had already opted out from this advertiser
   * @throws RelayException {@code request_invalid} for a bad number, name, 080 number or missing source
   * @throws IOException if the store cannot record it (nothing is acknowledged then)
   */
  public boolean optOut(String advertiserName, String number, OptOutSource source, Instant at, String optOutNumber)
      throws RelayException, IOException {
    return store.add(entry(advertiserName, number, source, at, optOutNumber, null, "the recipient number"));
  }

  private SuppressionEntry entry(String advertiserName, String number, OptOutSource source, Instant at,
      String optOutNumber, String eventId, String what) throws RelayException {
    String advertiser = UrlRules.advertiserKey(advertiserName);
    if (advertiser == null || advertiser.length() > 200) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "advertiser (the advertiser's name, 1-200 characters) is required");
    }
    if (source == null || at == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "source and time are required");
    }
    byte[] digest = digest(advertiserName, number);
    if (digest == null) {
      // Never echo the number: it is personal data.
      throw new RelayException(ReasonCode.REQUEST_INVALID, what + " is not a valid Korean mobile number");
    }
    String optOut = null;
    if (optOutNumber != null && !optOutNumber.trim().isEmpty()) {
      optOut = KoreanPhoneNumbers.normalize(optOutNumber);
      if (optOut == null || !optOut.startsWith("080") || optOut.length() < 10 || optOut.length() > 11) {
        throw new RelayException(ReasonCode.REQUEST_INVALID, "opt_out_number must be an 080 number");
      }
    }
    return new SuppressionEntry(advertiser, digest, indexKey(scratch(advertiser), KoreanPhoneNumbers.mobileNumberKey(number)),
        source, at, optOut, eventId);
  }

  /**
   * Records many opt-outs of one advertiser; bad numbers are reported by index, every good one is
   * recorded.
   *
   * @throws RelayException {@code request_invalid} if there are more than {@link #MAX_BULK} or the name is bad
   */
  public BulkResult optOutAll(String advertiserName, List<String> numbers, OptOutSource source, Instant at,
      String optOutNumber) throws RelayException, IOException {
    if (numbers == null || numbers.size() > MAX_BULK) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "numbers must hold at most " + MAX_BULK + " entries");
    }
    BulkResult result = new BulkResult();
    for (int i = 0; i < numbers.size(); i++) {
      SuppressionEntry entry;
      try {
        entry = entry(advertiserName, numbers.get(i), source, at, optOutNumber, null, "numbers[" + i + "]");
      } catch (RelayException e) {
        if (UrlRules.advertiserKey(advertiserName) == null || source == null || at == null) {
          throw e;
        }
        result.error(e.detail());
        continue;
      }
      result.count(store.add(entry));
    }
    return result.done();
  }

  /**
   * Imports a CSV of opt-outs for {@code advertiserName}: one recipient a line,
   * {@code number[,source[,opted_out_at[,opt_out_number]]]} (source {@code 080_ars}, {@code manual}
   * or {@code web}, default {@code manual}; time ISO-8601, default {@code now}); a first line
   * starting with {@code number} is a header; no quoted fields. Bad lines are reported as
   * {@code line N: why} (never their content) and every good line is recorded.
   */
  public BulkResult importCsv(String advertiserName, Reader csv, Instant now) throws RelayException, IOException {
    if (UrlRules.advertiserKey(advertiserName) == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "advertiser (the advertiser's name) is required");
    }
    BulkResult result = new BulkResult();
    BufferedReader lines = new BufferedReader(csv);
    int lineNumber = 0;
    int recipients = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || lineNumber == 1 && trimmed.toLowerCase().startsWith("number")) {
        continue;
      }
      if (++recipients > MAX_BULK) {
        result.error("line " + lineNumber + ": the import holds more than " + MAX_BULK + " lines; the rest was not read");
        break;
      }
      if (trimmed.indexOf('"') >= 0) {
        result.error("line " + lineNumber + ": quoted fields are not supported");
        continue;
      }
      String[] fields = trimmed.split(",", -1);
      if (fields.length > 4) {
        result.error("line " + lineNumber + ": at most 4 fields (number, source, opted_out_at, opt_out_number)");
        continue;
      }
      OptOutSource source = fields.length > 1 && !fields[1].trim().isEmpty()
          ? OptOutSource.fromCode(fields[1].trim()) : OptOutSource.MANUAL;
      if (source == null) {
        result.error("line " + lineNumber + ": source must be 080_ars, manual or web");
        continue;
      }
      Instant at = now;
      if (fields.length > 2 && !fields[2].trim().isEmpty()) {
        try {
          at = Instant.parse(fields[2].trim());
        } catch (DateTimeParseException e) {
          result.error("line " + lineNumber + ": opted_out_at must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
          continue;
        }
      }
      try {
        SuppressionEntry entry = entry(advertiserName, fields[0], source, at, fields.length > 3 ? fields[3] : null,
            null, "line " + lineNumber + ": the number");
        result.count(store.add(entry));
      } catch (RelayException e) {
        result.error(e.detail().startsWith("line ") ? e.detail() : "line " + lineNumber + ": " + e.detail());
      }
    }
    return result.done();
  }

  /** The outcome of an 080 provider's push. */
  public enum PushOutcome {
    /** A new opt-out was recorded. */
    RECORDED,
    /** The recipient had already opted out (by another channel); the event is recorded. */
    ALREADY_SUPPRESSED,
    /** The same event was pushed before: nothing changed. */
    DUPLICATE
  }

  /**
   * Records an opt-out pushed by an 080 service provider (the caller has authenticated it),
   * idempotently by {@code eventId}.
   *
   * @throws RelayException {@code request_invalid} for bad fields; {@code event_id_conflict} if the
   *     event id was used before for a different opt-out (the opt-out is recorded anyway: suppressing
   *     is the safe side)
   */
  public PushOutcome push(String eventId, String advertiserName, String number, Instant at, String optOutNumber)
      throws RelayException, IOException {
    if (eventId == null || eventId.isEmpty() || eventId.length() > 128 || !printableAscii(eventId)) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "event_id must be 1-128 printable ASCII characters");
    }
    SuppressionEntry entry = entry(advertiserName, number, OptOutSource.ARS_080, at, optOutNumber, eventId,
        "the recipient number");
    boolean added = store.add(entry);
    String fingerprint = fingerprint(entry);
    String earlier = store.recordEvent(eventId, fingerprint);
    if (earlier == null) {
      return added ? PushOutcome.RECORDED : PushOutcome.ALREADY_SUPPRESSED;
    }
    if (earlier.equals(fingerprint)) {
      return PushOutcome.DUPLICATE;
    }
    throw new RelayException(ReasonCode.EVENT_ID_CONFLICT, "event_id was already used for a different opt-out");
  }

  private static String fingerprint(SuppressionEntry entry) {
    StringBuilder out = new StringBuilder(entry.advertiser()).append('|');
    for (byte b : entry.digest()) {
      out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return out.append('|').append(entry.optedOutAt().toEpochMilli()).append('|').append(entry.optOutNumber()).toString();
  }

  private static boolean printableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  /**
   * Withdraws an opt-out (the recipient consented again).
   *
   * @return false if there was none
   */
  public boolean withdraw(String advertiserName, String number, Instant at) throws RelayException, IOException {
    byte[] digest = digest(advertiserName, number);
    if (digest == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "advertiser and a valid Korean mobile number are required");
    }
    String advertiser = UrlRules.advertiserKey(advertiserName);
    return store.remove(advertiser, digest, indexKey(scratch(advertiser), KoreanPhoneNumbers.mobileNumberKey(number)), at);
  }

  /**
   * The indices of {@code numbers} that opted out from {@code advertiserName}, ascending. Invalid
   * numbers are never suppressed (the content policy reports them). From memory; no I/O.
   */
  public List<Integer> suppressed(String advertiserName, List<String> numbers) {
    String advertiser = UrlRules.advertiserKey(advertiserName);
    if (advertiser == null || numbers.isEmpty() || store.size() == 0) {
      return Collections.emptyList();
    }
    byte[] buffer = scratch(advertiser);
    List<Integer> out = null;
    for (int i = 0; i < numbers.size(); i++) {
      long number = KoreanPhoneNumbers.mobileNumberKey(numbers.get(i));
      if (number >= 0 && store.contains(indexKey(buffer, number))) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.add(i);
      }
    }
    return out == null ? Collections.<Integer>emptyList() : out;
  }

  /** The index input for {@code advertiserKey}: its UTF-8 bytes, 0, then 8 bytes for the number. */
  private static byte[] scratch(String advertiserKey) {
    byte[] prefix = advertiserKey.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[prefix.length + 9];
    System.arraycopy(prefix, 0, buffer, 0, prefix.length);
    return buffer;
  }

  /** SipHash of the advertiser prefix in {@code buffer} and {@code number}'s 8 bytes; never 0. */
  private long indexKey(byte[] buffer, long number) {
    int at = buffer.length - 8;
    for (int i = 0; i < 8; i++) {
      buffer[at + i] = (byte) (number >>> (56 - 8 * i));
    }
    long key = index.hash(buffer, buffer.length);
    return key == 0 ? 1 : key;
  }

  /** What a bulk call or import did: recorded, already there, refused (with the first reasons). */
  public static final class BulkResult {
    private int added;
    private int already;
    private int errorCount;
    private List<String> errors = new ArrayList<>();

    BulkResult() {
    }

    void count(boolean isNew) {
      if (isNew) {
        added++;
      } else {
        already++;
      }
    }

    void error(String detail) {
      errorCount++;
      if (errors.size() < MAX_REPORTED_ERRORS) {
        errors.add(detail);
      }
    }

    BulkResult done() {
      errors = Collections.unmodifiableList(errors);
      return this;
    }

    /** New opt-outs recorded. */
    public int added() {
      return added;
    }

    /** Opt-outs already there. */
    public int alreadySuppressed() {
      return already;
    }

    /** Items or lines refused. */
    public int errorCount() {
      return errorCount;
    }

    /** The first {@link #MAX_REPORTED_ERRORS} refusals, {@code numbers[i]: why} or {@code line N: why}. */
    public List<String> errors() {
      return errors;
    }

    @Override
    public String toString() {
      return "BulkResult{added " + added + ", already " + already + ", refused " + errorCount + "}";
    }
  }
}
