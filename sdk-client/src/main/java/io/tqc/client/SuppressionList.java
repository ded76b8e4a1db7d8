package io.tqc.client;

import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.KoreanPhoneNumbers;
import io.tqc.api.compliance.UrlRules;
import io.tqc.api.compliance.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The relay's answer to {@link TqcClient#checkSuppressions}: which recipients of one campaign had
 * opted out (수신거부) from one advertiser when the relay was asked. Immutable and thread-safe.
 *
 * <p><b>Lifetime.</b> A list is a snapshot for one campaign of one advertiser: check once before
 * the campaign, pass the list with each of its batches ({@link TqcClient#certify(Batch, SuppressionList)},
 * {@link TqcClient#certify(byte[], int, SuppressionList)}, or the interceptor's
 * {@link AdvertisingBatch#withSuppressions}), and drop it when the campaign ends. An opt-out (or withdrawal of consent) made after
 * {@link #checkedAt()} is not in it: the relay still refuses such messages with
 * {@code recipient_opted_out}. The list only moves the known refusals before the network.
 *
 * <p>{@link #toString()} never shows a recipient number.
 */
public final class SuppressionList {
  private final String advertiser;
  private final String advertiserKey;
  private final int checkedCount;
  private final Instant checkedAt;
  private final Set<String> suppressed;
  private final Set<Long> keys;

  SuppressionList(String advertiser, int checkedCount, Instant checkedAt, List<String> suppressedNumbers) {
    this.advertiser = advertiser;
    this.advertiserKey = UrlRules.advertiserKey(advertiser);
    this.checkedCount = checkedCount;
    this.checkedAt = checkedAt;
    Set<String> numbers = new LinkedHashSet<>();
    Set<Long> keySet = new HashSet<>();
    for (String number : suppressedNumbers) {
      long key = KoreanPhoneNumbers.mobileNumberKey(number);
      if (key >= 0 && keySet.add(key)) {
        numbers.add(KoreanPhoneNumbers.normalize(number));
      }
    }
    this.suppressed = Collections.unmodifiableSet(numbers);
    this.keys = keySet;
  }

  /** The advertiser (the batches' {@code advertiser.name}) the recipients were checked for. */
  public String advertiser() {
    return advertiser;
  }

  /** How many recipients were checked (duplicates included). */
  public int checkedCount() {
    return checkedCount;
  }

  /** When the relay was asked (relay time, at the start of the check). */
  public Instant checkedAt() {
    return checkedAt;
  }

  /** The suppressed recipients, digits only, in the order they were checked, without duplicates. */
  public Set<String> suppressed() {
    return suppressed;
  }

  /** True if {@code recipient} (dashes and spaces ignored) was suppressed at {@link #checkedAt()}. */
  public boolean isSuppressed(String recipient) {
    long key = KoreanPhoneNumbers.mobileNumberKey(recipient);
    return key >= 0 && keys.contains(key);
  }

  /** True if this list was checked for the advertiser named {@code advertiserName} (same key as the relay's). */
  public boolean isFor(String advertiserName) {
    String key = UrlRules.advertiserKey(advertiserName);
    return key != null && key.equals(advertiserKey);
  }

  /**
   * The {@code recipient_opted_out} violations of {@code batch}: one per message addressed to a
   * suppressed recipient, ascending message index; empty if none is.
   */
  public List<Violation> violations(Batch batch) {
    List<Violation> out = new ArrayList<>();
    for (int index : suppressedIndices(batch)) {
      out.add(Violation.recipientOptedOut(index));
    }
    return out;
  }

  /** The indices of the messages of {@code batch} addressed to a suppressed recipient, ascending. */
  public List<Integer> suppressedIndices(Batch batch) {
    List<Integer> out = new ArrayList<>();
    if (keys.isEmpty()) {
      return out;
    }
    for (int i = 0; i < batch.messageCount(); i++) {
      if (isSuppressed(batch.messages().get(i).to())) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "SuppressionList{advertiser=" + advertiser + ", checked=" + checkedCount + ", suppressed="
        + suppressed.size() + ", at=" + checkedAt + "}";
  }
}
