package io.tqc.relay.internal;

import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.Sanction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the quotas in force: defaults, per-subject overrides and reductions
 * imposed by sanctions. The batch path reads it without a lock and turns it into the {@link
 * QuotaCharge}s of a batch; the store applies them in the audit commit.
 */
public final class QuotaBook {
  /** Quota days are calendar days in Korea. */
  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private final QuotaLimits resellerDefault;
  private final QuotaLimits originDefault;
  private final Map<QuotaSubject, QuotaLimits> overrides;
  private final Map<String, long[]> reductions;

  /**
   * A snapshot.
   *
   * @param reductions sanctions with a reduced daily quota (expired ones are ignored at use)
   */
  public QuotaBook(QuotaLimits resellerDefault, QuotaLimits originDefault, Map<QuotaSubject, QuotaLimits> overrides,
      List<Sanction> reductions) {
    this.resellerDefault = resellerDefault;
    this.originDefault = originDefault;
    this.overrides = Collections.unmodifiableMap(new HashMap<>(overrides));
    Map<String, long[]> byReseller = new HashMap<>();
    for (Sanction s : reductions) {
      if (s.reducedDailyQuota() == QuotaLimits.UNLIMITED || s.quotaUntil() == null) {
        continue;
      }
      String key = QuotaSubject.reseller(s.resellerId()).key();
      long[] current = byReseller.get(key);
      long until = s.quotaUntil().toEpochMilli();
      if (current == null || s.reducedDailyQuota() < current[0]) {
        byReseller.put(key, new long[] {s.reducedDailyQuota(), until});
      }
    }
    this.reductions = Collections.unmodifiableMap(byReseller);
  }

  /** The limits in force for {@code subject} at {@code now}. */
  public QuotaLimits limits(QuotaSubject subject, Instant now) {
    QuotaLimits limits = overrides.get(subject);
    if (limits == null) {
      limits = subject.kind() == QuotaSubject.Kind.RESELLER ? resellerDefault : originDefault;
    }
    long[] reduction = reductions.get(subject.key());
    if (reduction != null && now.toEpochMilli() < reduction[1]) {
      limits = limits.min(QuotaLimits.of(reduction[0], QuotaLimits.UNLIMITED));
    }
    return limits;
  }

  /** The charges of a batch of the reseller under the origin code at {@code now}: both windows of both subjects. */
  public List<QuotaCharge> charges(QuotaSubject reseller, QuotaSubject origin, Instant now) {
    List<QuotaCharge> charges = new ArrayList<>(4);
    add(charges, reseller, limits(reseller, now), now);
    add(charges, origin, limits(origin, now), now);
    return charges;
  }

  /**
   * Every window is charged, limited or not, so that the counters are exact when a quota is set or
   * lowered during a day (the messages already sent that day count).
   */
  private static void add(List<QuotaCharge> charges, QuotaSubject subject, QuotaLimits limits, Instant now) {
    long minute = Math.floorDiv(now.toEpochMilli(), 60_000L);
    charges.add(new QuotaCharge(subject.key(), "minute:" + minute, limits.perMinute(),
        Instant.ofEpochMilli((minute + 1) * 60_000L)));
    LocalDate day = now.atZone(SEOUL).toLocalDate();
    charges.add(new QuotaCharge(subject.key(), "day:" + day, limits.perDay(),
        day.plusDays(1).atStartOfDay(SEOUL).toInstant()));
  }
}
