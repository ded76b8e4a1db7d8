package io.tqc.relay.protection;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.KoreanPhoneNumbers;
import io.tqc.api.compliance.Link;
import io.tqc.api.compliance.RuleMode;
import io.tqc.api.compliance.Violation;
import io.tqc.api.token.CertificationClaims;
import io.tqc.relay.ComplianceContentPolicy;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.internal.ScreeningCache;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's content policy with recipient protection: the shared compliance engine (or any
 * {@link ContentPolicy}) first, then, each only if configured, the sender number against a
 * {@link SenderNumberCheck} ({@code sender_number_invalid} for terminated, suspended or unassigned
 * numbers, {@code sender_number_stolen}), every message of an advertising batch against the
 * advertiser's opt-outs ({@code recipient_opted_out}, one violation per message), and every distinct
 * link against a {@link UrlScreen} ({@code url_blocked}). All violations are reported together.
 *
 * <p>The suppression check and local lists answer from memory. An external check (URL screen,
 * {@link HttpSenderNumberCheck}) runs through a cache with a lifetime and a timeout; when it cannot
 * answer in time the batch is refused with the retryable {@code screening_unavailable} (listed after
 * every definitive violation), unless its {@link ScreeningOptions} say WARN. Immutable and
 * thread-safe; build with {@link Builder}.
 */
public final class RecipientProtectionPolicy implements ContentPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(RecipientProtectionPolicy.class);

  private final ContentPolicy delegate;
  private final SenderNumberCheck senderCheck;
  private final ScreeningOptions senderOptions;
  private final ScreeningCache<SenderNumberStatus> senderCache;
  private final Suppressions suppressions;
  private final RuleMode suppressionMode;
  private final UrlScreen urlScreen;
  private final ScreeningOptions urlOptions;
  private final ScreeningCache<UrlVerdict> urlCache;
  private final UrlBlocklist blocklist;

  private RecipientProtectionPolicy(Builder b) {
    this.delegate = b.delegate;
    this.senderCheck = b.senderCheck;
    this.senderOptions = b.senderOptions;
    this.suppressions = b.suppressions;
    this.suppressionMode = b.suppressionMode;
    this.urlScreen = b.urlScreen;
    this.urlOptions = b.urlOptions;
    this.blocklist = b.blocklist;
    ExecutorService executor = b.executor;
    if (executor == null && (b.urlScreen != null || b.senderCheck != null && !b.senderCheck.isLocal())) {
      executor = defaultExecutor();
    }
    final SenderNumberCheck check = b.senderCheck;
    this.senderCache = check == null || check.isLocal() ? null : new ScreeningCache<>(check::check, b.clock, executor,
        b.senderOptions.ttl(), b.senderOptions.timeout(), b.senderOptions.cacheSize());
    final UrlScreen screen = b.urlScreen;
    this.urlCache = screen == null ? null : new ScreeningCache<UrlVerdict>(key -> {
      List<Link> links = Link.find(key);
      if (links.size() != 1) {
        throw new IOException("unscreenable link");
      }
      return screen.screen(links.get(0));
    }, b.clock, executor, b.urlOptions.ttl(), b.urlOptions.timeout(), b.urlOptions.cacheSize());
  }

  private static ExecutorService defaultExecutor() {
    final AtomicInteger n = new AtomicInteger();
    ThreadFactory daemons = runnable -> {
      Thread thread = new Thread(runnable, "tqc-screening-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(4096),
        daemons);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The suppression service, or null if opt-outs are not checked. */
  public Suppressions suppressions() {
    return suppressions;
  }

  @Override
  public List<Violation> check(Batch batch, CertificationClaims claims, Instant sendTime) {
    List<Violation> found = delegate.check(batch, claims, sendTime);
    List<Violation> out = found == null ? new ArrayList<Violation>() : new ArrayList<>(found);
    List<Violation> unavailable = new ArrayList<>(1);
    checkSender(batch, out, unavailable);
    checkOptOuts(batch, out);
    checkBlocklist(batch, out);
    checkLinks(batch, out, unavailable);
    out.addAll(unavailable);
    return out.isEmpty() ? Collections.<Violation>emptyList() : out;
  }

  private void checkSender(Batch batch, List<Violation> out, List<Violation> unavailable) {
    if (senderCheck == null || senderOptions.onFinding() == RuleMode.OFF) {
      return;
    }
    String digits = KoreanPhoneNumbers.normalize(batch.senderNumber());
    if (digits == null) {
      return; // the compliance engine reports the malformed number
    }
    SenderNumberStatus status;
    try {
      status = senderCache == null ? senderCheck.check(digits)
          : senderCache.getAll(Collections.singletonList(digits)).get(digits);
    } catch (IOException | RuntimeException e) {
      unavailable(senderOptions, "the sender-number validity service", e, unavailable);
      return;
    }
    if (status.isValid()) {
      return;
    }
    String list = status.listVersion() != null
        ? " according to list " + status.listVersion() + (status.listTime() != null ? " of " + status.listTime() : "")
        : "";
    Violation violation = status.state() == SenderNumberStatus.State.STOLEN
        ? Violation.batch(ReasonCode.SENDER_NUMBER_STOLEN, "the sender number is on KISA's"
            + " stolen-number list" + list + " [발신번호 도용; 전기통신사업법 제84조의2]")
        : Violation.batch(ReasonCode.SENDER_NUMBER_INVALID, "the sender number is "
            + status.state().name().toLowerCase(java.util.Locale.ROOT) + list
            + " [발신번호 유효성; 전기통신사업법 제84조의2]");
    finding(senderOptions.onFinding(), violation, out);
  }

  private void checkOptOuts(Batch batch, List<Violation> out) {
    if (suppressions == null || suppressionMode == RuleMode.OFF || !batch.advertising()) {
      return;
    }
    List<BatchMessage> messages = batch.messages();
    List<String> numbers = new ArrayList<>(messages.size());
    for (BatchMessage message : messages) {
      numbers.add(message.to());
    }
    for (int index : suppressions.suppressed(batch.advertiserName(), numbers)) {
      finding(suppressionMode, Violation.recipientOptedOut(index), out);
    }
  }

  private void checkBlocklist(Batch batch, List<Violation> out) {
    if (blocklist == null || blocklist.isEmpty()) {
      return;
    }
    List<BatchMessage> messages = batch.messages();
    for (int i = 0; i < messages.size(); i++) {
      for (Link link : Link.find(messages.get(i).text())) {
        String entry = blocklist.blockedBy(link);
        if (entry != null) {
          out.add(Violation.of(ReasonCode.URL_BLOCKED, i, "the link to \"" + link.host()
              + "\" matches the imported blocklist entry \"" + entry + "\" [차단 URL; 스미싱 차단]"));
          break;
        }
      }
    }
  }

  private void checkLinks(Batch batch, List<Violation> out, List<Violation> unavailable) {
    if (urlCache == null || urlOptions.onFinding() == RuleMode.OFF) {
      return;
    }
    Map<String, List<Integer>> byLink = new LinkedHashMap<>();
    List<BatchMessage> messages = batch.messages();
    for (int i = 0; i < messages.size(); i++) {
      for (Link link : Link.find(messages.get(i).text())) {
        String key = "http://" + link.host() + link.path();
        List<Integer> indices = byLink.get(key);
        if (indices == null) {
          indices = new ArrayList<>(1);
          byLink.put(key, indices);
        }
        if (indices.isEmpty() || indices.get(indices.size() - 1) != i) {
          indices.add(i);
        }
      }
    }
    if (byLink.isEmpty()) {
      return;
    }
    Map<String, UrlVerdict> verdicts;
    try {
      verdicts = urlCache.getAll(byLink.keySet());
    } catch (IOException | RuntimeException e) {
      unavailable(urlOptions, "the URL screening service", e, unavailable);
      return;
    }
    for (Map.Entry<String, List<Integer>> entry : byLink.entrySet()) {
      UrlVerdict verdict = verdicts.get(entry.getKey());
      if (verdict != null && verdict.isMalicious()) {
        String host = entry.getKey().substring("http://".length()).split("/", 2)[0];
        for (int index : entry.getValue()) {
          finding(urlOptions.onFinding(), Violation.of(ReasonCode.URL_BLOCKED, index, "the link to \"" + host
              + "\" was reported as " + verdict.category() + " by the URL screening service [차단 URL; 스미싱 차단]"), out);
        }
      }
    }
  }

  private static void finding(RuleMode mode, Violation violation, List<Violation> out) {
    if (mode == RuleMode.ENFORCE) {
      out.add(violation);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("recipient-protection warning: {}", violation);
    }
  }

  private static void unavailable(ScreeningOptions options, String service, Exception e, List<Violation> out) {
    if (options.onUnavailable() == RuleMode.ENFORCE) {
      out.add(Violation.batch(ReasonCode.SCREENING_UNAVAILABLE,
          service + " did not answer; retry the batch later"));
    } else {
      LOG.warn("{} did not answer ({}); the batch is accepted without that check", service, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "RecipientProtectionPolicy{" + delegate + (senderCheck != null ? ", sender " + senderCheck : "")
        + (suppressions != null ? ", suppression " + suppressionMode : "")
        + (urlScreen != null ? ", url screen " + urlScreen : "") + "}";
  }

  /** Builds a {@link RecipientProtectionPolicy}; every check is off until configured. */
  public static final class Builder {
    private ContentPolicy delegate = ComplianceContentPolicy.defaults();
    private SenderNumberCheck senderCheck;
    private ScreeningOptions senderOptions = ScreeningOptions.defaults();
    private Suppressions suppressions;
    private RuleMode suppressionMode = RuleMode.ENFORCE;
    private UrlScreen urlScreen;
    private ScreeningOptions urlOptions = ScreeningOptions.defaults();
    private Clock clock = Clock.systemUTC();
    private ExecutorService executor;
    private UrlBlocklist blocklist;

    /** Refuses links on {@code blocklist}, which the relay may replace at run time ({@code url_blocked}). */
    public Builder urlBlocklist(UrlBlocklist blocklist) {
      if (blocklist == null) {
        throw new IllegalArgumentException("blocklist is required");
      }
      this.blocklist = blocklist;
      return this;
    }

    /** The policy checked first; default {@link ComplianceContentPolicy#defaults()}. */
    public Builder delegate(ContentPolicy delegate) {
      if (delegate == null) {
        throw new IllegalArgumentException("delegate is required (ContentPolicy.NONE checks nothing)");
      }
      this.delegate = delegate;
      return this;
    }

    /** Checks every batch's sender number with {@code check} as {@code options} say. */
    public Builder senderNumberCheck(SenderNumberCheck check, ScreeningOptions options) {
      if (check == null || options == null) {
        throw new IllegalArgumentException("check and options are required");
      }
      this.senderCheck = check;
      this.senderOptions = options;
      return this;
    }

    /** Refuses advertising messages to recipients who opted out ({@code mode} ENFORCE, WARN or OFF). */
    public Builder suppressions(Suppressions suppressions, RuleMode mode) {
      if (suppressions == null || mode == null) {
        throw new IllegalArgumentException("suppressions and mode are required");
      }
      this.suppressions = suppressions;
      this.suppressionMode = mode;
      return this;
    }

    /** Screens every distinct link with {@code screen} as {@code options} say. */
    public Builder urlScreen(UrlScreen screen, ScreeningOptions options) {
      if (screen == null || options == null) {
        throw new IllegalArgumentException("screen and options are required");
      }
      this.urlScreen = screen;
      this.urlOptions = options;
      return this;
    }

    /** The clock cached answers expire by; default the system clock. */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new IllegalArgumentException("clock is required");
      }
      this.clock = clock;
      return this;
    }

    /** Where external lookups run; default a small pool of daemon threads. */
    public Builder executor(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    /** The policy. */
    public RecipientProtectionPolicy build() {
      return new RecipientProtectionPolicy(this);
    }
  }
}
