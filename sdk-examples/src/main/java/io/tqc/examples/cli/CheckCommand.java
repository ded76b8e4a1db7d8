package io.tqc.examples.cli;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.compliance.RuleMode;
import io.tqc.api.compliance.KoreanPhoneNumbers;
import io.tqc.api.compliance.UrlRules;
import io.tqc.api.compliance.Violation;
import io.tqc.relay.protection.InMemorySuppressionStore;
import io.tqc.relay.protection.OptOutSource;
import io.tqc.relay.protection.SenderNumberLists;
import io.tqc.relay.protection.SenderNumberStatus;
import io.tqc.relay.protection.Suppressions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tqc check --batch FILE}: checks a batch offline with the same compliance engine the client
 * and the relay run, optionally against local copies of the relay's lists (blocklist, allowlist,
 * opted-out recipients, stolen sender numbers).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Check a batch offline (no relay, no key): the advertising rules, the link rules and,",
        "with the list options, opt-outs and stolen sender numbers (광고 문자 사전 점검).",
        "Prints one line per violation, 'warning ' first for warn-only rules, then a summary;",
        "exits 0 if the batch would be accepted, 1 if not."})
final class CheckCommand implements Callable<Integer> {
  static final int MAX_LIST_FILE = 512 * 1024 * 1024;

  @Spec
  CommandSpec spec;

  @Option(names = "--batch", required = true, paramLabel = "FILE", description = "The batch JSON file.")
  Path batch;

  @Option(names = "--sender-number", paramLabel = "NUMBER",
      description = "A registered sender number (repeatable); without it sender_number_not_registered is not checked.")
  List<String> senderNumbers;

  @Option(names = "--at", paramLabel = "TIME",
      description = "Send time for a batch without send_at, ISO-8601 with offset (default: now).")
  String at;

  @Option(names = "--warn", paramLabel = "CODE", description = "Only warn about this rule (repeatable), e.g. url_shortener.")
  List<String> warn;

  @Option(names = "--off", paramLabel = "CODE", description = "Skip this rule (repeatable).")
  List<String> off;

  @Option(names = "--blocklist", paramLabel = "FILE",
      description = "Blocked domains or URLs, one a line (url_blocked).")
  Path blocklist;

  @Option(names = "--allow-domain", paramLabel = "DOMAIN",
      description = "Put the batch's advertiser in allowlist mode with this domain (repeatable; url_not_allowed).")
  List<String> allowDomains;

  @Option(names = "--opted-out", paramLabel = "FILE",
      description = "Numbers that opted out from the batch's advertiser, one a line (recipient_opted_out).")
  Path optedOut;

  @Option(names = "--stolen-numbers", paramLabel = "FILE",
      description = "KISA's stolen sender numbers, one a line (sender_number_stolen).")
  Path stolenNumbers;

  @Override
  public Integer call() throws Exception {
    Batch parsed = Batch.parse(read(batch, SendCommand.MAX_BATCH_FILE), 1_000_000);
    CompliancePolicy policy = policy(parsed);
    Instant sendTime = sendTime();
    ComplianceReport report = policy.check(parsed, senderNumbers, sendTime);
    PrintWriter out = spec.commandLine().getOut();
    int errors = 0;
    int warnings = 0;
    for (Violation violation : report.violations()) {
      out.println(violation);
      if (violation.warningOnly()) {
        warnings++;
      } else {
        errors++;
      }
    }
    if (stolenNumbers != null) {
      SenderNumberLists lists = new SenderNumberLists();
      lists.importList(SenderNumberStatus.State.STOLEN, stolenNumbers.getFileName().toString(), Instant.EPOCH,
          lines(stolenNumbers), Instant.now());
      String digits = KoreanPhoneNumbers.normalize(parsed.senderNumber());
      if (digits != null && lists.check(digits).state() == SenderNumberStatus.State.STOLEN) {
        out.println("batch " + ReasonCode.SENDER_NUMBER_STOLEN.code() + ": the sender number is on the stolen-number list "
            + stolenNumbers.getFileName());
        errors++;
      }
    }
    if (optedOut != null && parsed.advertising() && parsed.advertiserName() != null) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret); // local, throwaway: the digests never leave this process
      Suppressions suppressions = new Suppressions(secret, new InMemorySuppressionStore());
      Suppressions.BulkResult loaded = suppressions.optOutAll(parsed.advertiserName(), lines(optedOut),
          OptOutSource.MANUAL, Instant.now(), null);
      for (String error : loaded.errors()) {
        spec.commandLine().getErr().println("warning: " + optedOut.getFileName() + " " + error);
      }
      List<String> numbers = new ArrayList<>();
      for (BatchMessage message : parsed.messages()) {
        numbers.add(message.to());
      }
      for (int index : suppressions.suppressed(parsed.advertiserName(), numbers)) {
        out.println("messages[" + index + "] " + ReasonCode.RECIPIENT_OPTED_OUT.code()
            + ": the recipient opted out from this advertiser's messages");
        errors++;
      }
    }
    out.println((errors == 0 ? "compliant: " : "not compliant: ") + report.messageCount() + " messages, " + errors
        + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
    return errors == 0 ? TqcCli.EXIT_OK : TqcCli.EXIT_REFUSED;
  }

  private CompliancePolicy policy(Batch parsed) throws CliException {
    CompliancePolicy.Builder builder = new CompliancePolicy.Builder();
    try {
      for (String code : warn == null ? new ArrayList<String>() : warn) {
        builder.set(rule(code), RuleMode.WARN);
      }
      for (String code : off == null ? new ArrayList<String>() : off) {
        builder.set(rule(code), RuleMode.OFF);
      }
      UrlRules.Builder rules = UrlRules.defaults().newBuilder();
      if (blocklist != null) {
        int line = 0;
        for (String entry : lines(blocklist)) {
          line++;
          String trimmed = entry.trim();
          if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            continue;
          }
          try {
            if (trimmed.contains("/")) {
              rules.blockUrl(trimmed);
            } else {
              rules.blockDomain(trimmed);
            }
          } catch (IllegalArgumentException e) {
            throw new CliException(TqcCli.EXIT_USAGE, blocklist.getFileName() + " line " + line + ": " + e.getMessage());
          }
        }
      }
      if (allowDomains != null && !allowDomains.isEmpty()) {
        if (parsed.advertiserName() == null) {
          throw new CliException(TqcCli.EXIT_USAGE, "--allow-domain needs a batch that declares advertiser.name");
        }
        rules.allowlist(parsed.advertiserName(), allowDomains);
      }
      return builder.urlRules(rules.build()).build();
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, e.getMessage());
    }
  }

  private static ReasonCode rule(String code) throws CliException {
    ReasonCode reason = ReasonCode.fromCode(code);
    if (reason == null || !CompliancePolicy.rules().contains(reason)) {
      throw new CliException(TqcCli.EXIT_USAGE, code + " is not a compliance rule; rules: " + CompliancePolicy.rules());
    }
    return reason;
  }

  private Instant sendTime() throws CliException {
    if (at == null) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(at).toInstant();
    } catch (DateTimeParseException e) {
      throw new CliException(TqcCli.EXIT_USAGE, "--at must be ISO-8601 with offset, e.g. 2026-12-01T14:00:00+09:00");
    }
  }

  private static byte[] read(Path file, int limit) throws CliException {
    try {
      if (Files.size(file) > limit) {
        throw new CliException(TqcCli.EXIT_USAGE, file + " is larger than " + limit + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static List<String> lines(Path file) throws CliException {
    return java.util.Arrays.asList(new String(read(file, MAX_LIST_FILE), StandardCharsets.UTF_8).split("\r?\n"));
  }
}
