package io.tqc.examples.relay;

import static io.tqc.examples.relay.HttpSupport.invalid;
import static io.tqc.examples.relay.HttpSupport.json;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.examples.json.JsonException;
import io.tqc.examples.json.JsonObject;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Enforcement;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.ReportResult;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.SanctionStep;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.Traceback;
import io.tqc.relay.enforcement.TracebackMatch;
import io.tqc.relay.store.StoredReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The enforcement part of the admin API (same bearer token as {@link AdminRoutes}): spam reports
 * (one as JSON, many as CSV), traceback, cases, sanctions, quotas and evidence bundles. Every
 * refusal is problem+json with its reason code; a CSV import names each bad line and records
 * nothing unless every line is valid.
 */
final class EnforcementRoutes {
  /** Most rows of one CSV import. */
  static final int MAX_CSV_ROWS = 10_000;
  /** Largest CSV import body. */
  static final int MAX_CSV_BYTES = 8 * 1024 * 1024;
  /** The CSV header, in this order. */
  static final String CSV_HEADER = "received_at,recipient,sender_number,text,origin_code,source,reference";
  private static final Set<String> REPORT_MEMBERS = Set.of("received_at", "recipient", "sender_number", "text",
      "origin_code", "source", "reference", "actor");
  private static final Set<String> CHANGE_MEMBERS = Set.of("reason", "actor");
  private static final Set<String> SANCTION_MEMBERS = Set.of("reason", "actor", "kind", "suspension",
      "reduced_daily_quota", "quota_duration");
  /** Default page of the case list. */
  static final int DEFAULT_CASE_LIST = 100;
  private static final Set<String> QUOTA_MEMBERS = Set.of("per_day", "per_minute", "actor");

  private final Supplier<Relay> relay;
  private final Function<Handler, Handler> admin;

  EnforcementRoutes(Supplier<Relay> relay, Function<Handler, Handler> admin) {
    this.relay = relay;
    this.admin = admin;
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/admin/reports", admin.apply(this::report));
    routes.post("/v1/admin/reports/csv", admin.apply(this::reportCsv));
    routes.post("/v1/admin/traceback", admin.apply(this::traceback));
    routes.get("/v1/admin/cases", admin.apply(this::listCases));
    routes.get("/v1/admin/cases/{id}", admin.apply(this::showCase));
    routes.post("/v1/admin/cases/{id}/confirm", admin.apply(ctx -> changeCase(ctx, "confirm")));
    routes.post("/v1/admin/cases/{id}/dismiss", admin.apply(ctx -> changeCase(ctx, "dismiss")));
    routes.post("/v1/admin/cases/{id}/sanction", admin.apply(this::sanction));
    routes.get("/v1/admin/resellers/{id}/cases", admin.apply(this::casesOf));
    routes.get("/v1/admin/resellers/{id}/sanctions", admin.apply(this::sanctionsOf));
    routes.get("/v1/admin/resellers/{id}/evidence", admin.apply(this::evidence));
    routes.get("/v1/admin/quotas/{kind}/{value}", admin.apply(this::showQuota));
    routes.put("/v1/admin/quotas/{kind}/{value}", admin.apply(this::setQuota));
    routes.delete("/v1/admin/quotas/{kind}/{value}", admin.apply(this::clearQuota));
  }

  private Enforcement enforcement() throws RelayException {
    Enforcement enforcement = relay.get().enforcement();
    if (enforcement == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "enforcement is off on this relay");
    }
    return enforcement;
  }

  // ---- Reports and traceback ----

  private void report(Context ctx) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, REPORT_MEMBERS, false);
    SpamReport report = spamReport(request);
    ReportResult result = enforcement().report(report, actor(ctx, request));
    json(ctx, 201, reportAnswer(result));
  }

  private void traceback(Context ctx) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, REPORT_MEMBERS, false);
    json(ctx, 200, tracebackAnswer(enforcement().traceback(spamReport(request))));
  }

  private static SpamReport spamReport(JsonObject request) throws RelayException {
    try {
      return report(request.optString("received_at"), request.optString("recipient"),
          request.optString("sender_number"), request.optString("text"), request.optString("origin_code"),
          request.optString("source"), request.optString("reference"));
    } catch (JsonException e) {
      throw invalid("report: " + e.getMessage(), e);
    }
  }

  static SpamReport report(String receivedAt, String recipient, String sender, String text, String originCode,
      String source, String reference) throws RelayException {
    if (receivedAt == null || receivedAt.isEmpty()) {
      throw invalid("received_at is required (RFC 3339, e.g. 2026-12-01T21:05:00+09:00)");
    }
    ReportSource reportSource = ReportSource.fromWire(source);
    if (reportSource == null) {
      throw invalid("source must be kisa_118, spam_trap, carrier or user");
    }
    try {
      return new SpamReport.Builder().receivedAt(instant(receivedAt, "received_at")).recipient(recipient)
          .senderNumber(empty(sender)).text(text).originCode(empty(originCode)).source(reportSource)
          .reference(empty(reference)).build();
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  private static String empty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * A CSV import ({@code text/csv}, UTF-8, header {@value #CSV_HEADER}, RFC 4180 quoting). Every
   * line is checked before anything is recorded: one bad line refuses the import, naming every bad
   * line. Then each report is recorded in order; a duplicate is reported on its line and does not
   * stop the others.
   */
  private void reportCsv(Context ctx) throws IOException, RelayException {
    byte[] body = HttpSupport.readBody(ctx, MAX_CSV_BYTES);
    if (body == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "a CSV import is at most " + MAX_CSV_BYTES
          + " bytes; split it");
    }
    String actor = AdminRoutes.actor(ctx, ctx.queryParam("actor"));
    List<ReportCsv.Row> rows;
    try {
      rows = ReportCsv.parse(new String(body, StandardCharsets.UTF_8), MAX_CSV_ROWS);
    } catch (ReportCsv.CsvException e) {
      throw invalid(e.getMessage(), e);
    }
    if (rows.isEmpty() || !String.join(",", rows.get(0).fields).equals(CSV_HEADER)) {
      throw invalid("line 1: the header must be " + CSV_HEADER);
    }
    List<SpamReport> reports = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<Object> errors = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i).fields;
      int line = rows.get(i).line;
      lines.add(line);
      if (row.size() != 7) {
        errors.add(lineError(line, "expected 7 fields, found " + row.size()));
        continue;
      }
      try {
        reports.add(report(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6)));
      } catch (RelayException e) {
        errors.add(lineError(line, e.detail()));
      }
    }
    if (!errors.isEmpty()) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", ReasonCode.REQUEST_INVALID.problemType());
      problem.put("title", ReasonCode.REQUEST_INVALID.title());
      problem.put("status", 400);
      problem.put("detail", errors.size() + " bad lines; nothing was recorded");
      problem.put("code", ReasonCode.REQUEST_INVALID.code());
      problem.put("lines", errors);
      HttpSupport.problem(ctx, 400, problem);
      return;
    }
    if (reports.isEmpty()) {
      throw invalid("the CSV holds no reports");
    }
    List<Object> results = new ArrayList<>();
    Enforcement enforcement = enforcement();
    for (int i = 0; i < reports.size(); i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("line", lines.get(i));
      try {
        ReportResult result = enforcement.report(reports.get(i), actor);
        item.putAll(reportAnswer(result));
      } catch (RelayException e) {
        if (e.reason() != ReasonCode.REPORT_DUPLICATE && e.reason() != ReasonCode.REPORT_OUT_OF_RETENTION) {
          throw e; // store unreachable: the lines before it are recorded, the caller retries the rest
        }
        item.put("code", e.reason().code());
        item.put("detail", e.detail());
      }
      results.add(item);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("reports", results);
    json(ctx, 200, answer);
  }

  private static Map<String, Object> lineError(int line, String detail) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("line", line);
    error.put("detail", detail);
    return error;
  }

  static Map<String, Object> reportAnswer(ReportResult result) {
    Map<String, Object> answer = tracebackAnswer(result.traceback());
    answer.put("report_id", result.reportId());
    if (result.joinedCase() != null) {
      answer.put("case_id", result.joinedCase().id());
      answer.put("case_opened", result.openedCase());
    }
    return answer;
  }

  static Map<String, Object> tracebackAnswer(Traceback traceback) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("rank", traceback.rank().name().toLowerCase(java.util.Locale.ROOT));
    List<Object> matches = new ArrayList<>();
    for (TracebackMatch m : traceback.matches()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("rank", m.rank().name().toLowerCase(java.util.Locale.ROOT));
      item.put("reseller_id", m.resellerId().value());
      item.put("origin_code", m.originCode());
      item.put("batch_id", m.batchId());
      item.put("message_index", m.messageIndex());
      item.put("accepted_at", m.acceptedAt().toString());
      item.put("node", m.node());
      item.put("token_jti", m.tokenId());
      item.put("token", m.token());
      item.put("proof", m.proof());
      matches.add(item);
    }
    answer.put("matches", matches);
    return answer;
  }

  // ---- Cases and sanctions ----

  private void showCase(Context ctx) throws RelayException {
    Enforcement enforcement = enforcement();
    Case c = enforcement.findCase(ctx.pathParam("id"));
    if (c == null) {
      throw invalid("no case " + ctx.pathParam("id"));
    }
    Map<String, Object> answer = caseSummary(c);
    List<Object> history = new ArrayList<>();
    for (CaseEvent e : enforcement.caseHistory(c.id())) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("seq", e.sequence());
      item.put("action", e.action().name().toLowerCase(java.util.Locale.ROOT));
      item.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT));
      item.put("actor", e.actor());
      item.put("reason", e.reason());
      item.put("at", e.at().toString());
      item.put("reference", e.reference());
      history.add(item);
    }
    answer.put("history", history);
    List<Object> reports = new ArrayList<>();
    for (StoredReport r : enforcement.caseReports(c.id())) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("report_id", r.id());
      item.put("source", r.source().wire());
      item.put("reference", r.reference());
      item.put("received_at", r.receivedAt().toString());
      item.put("rank", r.rank().name().toLowerCase(java.util.Locale.ROOT));
      item.put("batch_id", r.batchId());
      item.put("message_index", r.messageIndex());
      reports.add(item);
    }
    answer.put("reports", reports);
    if (c.state() == CaseState.CONFIRMED) {
      Enforcement.ProposedSanction proposal = enforcement.proposedSanction(c.id());
      Map<String, Object> proposed = stepAnswer(proposal.step());
      proposed.put("step", proposal.occurrence());
      answer.put("proposed_sanction", proposed);
    }
    if (c.sanctionId() != null) {
      for (Sanction s : enforcement.sanctions(c.resellerId())) {
        if (s.id().equals(c.sanctionId())) {
          answer.put("sanction", sanctionSummary(s));
        }
      }
    }
    json(ctx, 200, answer);
  }

  static Map<String, Object> stepAnswer(SanctionStep step) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("kind", step.kind().name().toLowerCase(java.util.Locale.ROOT));
    answer.put("suspension", step.suspension() == null ? null : step.suspension().toString());
    if (step.reducedDailyQuota() != QuotaLimits.UNLIMITED) {
      answer.put("reduced_daily_quota", step.reducedDailyQuota());
      answer.put("quota_duration", step.quotaDuration().toString());
    }
    return answer;
  }

  /**
   * {@code GET /v1/admin/cases?state=&reseller=&limit=}: cases newest first (at most
   * {@link Enforcement#MAX_CASE_LIST}), optionally of one state and/or reseller.
   */
  private void listCases(Context ctx) throws RelayException {
    CaseState state = null;
    String stateParam = ctx.queryParam("state");
    if (stateParam != null && !stateParam.isEmpty()) {
      try {
        state = CaseState.valueOf(stateParam.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid("state must be open, confirmed, sanctioned or dismissed", e);
      }
    }
    ResellerId reseller = null;
    String resellerParam = ctx.queryParam("reseller");
    if (resellerParam != null && !resellerParam.isEmpty()) {
      try {
        reseller = ResellerId.parse(resellerParam.trim());
      } catch (TqcException e) {
        throw new RelayException(ReasonCode.RESELLER_ID_INVALID, e.detail(), e);
      }
    }
    int limit = DEFAULT_CASE_LIST;
    String limitParam = ctx.queryParam("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        throw invalid("limit must be 1 to " + Enforcement.MAX_CASE_LIST, e);
      }
    }
    Enforcement enforcement = enforcement();
    List<Object> cases = new ArrayList<>();
    for (Case c : enforcement.listCases(state, reseller, limit)) {
      cases.add(caseSummary(c));
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Map.Entry<CaseState, Long> e : enforcement.caseCounts().entrySet()) {
      counts.put(e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("cases", cases);
    answer.put("counts", counts);
    json(ctx, 200, answer);
  }

  static Map<String, Object> caseSummary(Case c) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("case_id", c.id());
    answer.put("reseller_id", c.resellerId().value());
    answer.put("state", c.state().name().toLowerCase(java.util.Locale.ROOT));
    answer.put("report_count", c.reportCount());
    answer.put("opened_at", c.openedAt().toString());
    answer.put("updated_at", c.updatedAt().toString());
    answer.put("sanction_id", c.sanctionId());
    return answer;
  }

  private void changeCase(Context ctx, String action) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, CHANGE_MEMBERS, true);
    String reason = optString(request, "reason");
    Case updated = action.equals("confirm") ? enforcement().confirm(ctx.pathParam("id"), reason, actor(ctx, request))
        : enforcement().dismiss(ctx.pathParam("id"), reason, actor(ctx, request));
    json(ctx, 200, caseSummary(updated));
  }

  /**
   * Applies the ladder's proposal, or with {@code kind} ({@code warning}, {@code suspension} with an
   * ISO-8601 {@code suspension} duration such as {@code P7D}, {@code revocation}; optionally {@code
   * reduced_daily_quota} for {@code quota_duration}) another sanction, which needs a {@code reason}.
   */
  private void sanction(Context ctx) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, SANCTION_MEMBERS, true);
    String reason = optString(request, "reason");
    String kind = optString(request, "kind");
    if (kind == null) {
      for (String member : new String[] {"suspension", "reduced_daily_quota", "quota_duration"}) {
        if (request.has(member)) {
          throw invalid(member + " needs kind (a sanction other than the ladder's)");
        }
      }
      json(ctx, 201, sanctionSummary(enforcement().sanction(ctx.pathParam("id"), reason, actor(ctx, request))));
      return;
    }
    SanctionStep step = step(request, kind);
    json(ctx, 201, sanctionSummary(enforcement().sanction(ctx.pathParam("id"), step, reason, actor(ctx, request))));
  }

  private static SanctionStep step(JsonObject request, String kind) throws RelayException {
    try {
      SanctionStep step;
      switch (kind) {
        case "warning":
          step = SanctionStep.warning();
          break;
        case "suspension":
          String duration = request.optString("suspension");
          if (duration == null) {
            throw invalid("a suspension needs its length: suspension, e.g. P7D or PT12H");
          }
          step = SanctionStep.suspension(duration(duration, "suspension"));
          break;
        case "revocation":
          step = SanctionStep.revocation();
          break;
        default:
          throw invalid("kind must be warning, suspension or revocation");
      }
      if (request.has("reduced_daily_quota")) {
        String quotaDuration = request.optString("quota_duration");
        if (quotaDuration == null) {
          throw invalid("reduced_daily_quota needs quota_duration, e.g. P30D");
        }
        step = step.withReducedDailyQuota(request.integer("reduced_daily_quota", 0, 1_000_000_000_000L),
            duration(quotaDuration, "quota_duration"));
      }
      return step;
    } catch (JsonException | IllegalArgumentException e) {
      throw invalid("sanction: " + e.getMessage(), e);
    }
  }

  private static java.time.Duration duration(String text, String name) throws RelayException {
    try {
      return java.time.Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an ISO-8601 duration, e.g. P7D or PT12H", e);
    }
  }

  static Map<String, Object> sanctionSummary(Sanction s) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sanction_id", s.id());
    answer.put("case_id", s.caseId());
    answer.put("reseller_id", s.resellerId().value());
    answer.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
    answer.put("step", s.step());
    answer.put("imposed_at", s.imposedAt().toString());
    answer.put("ends_at", s.endsAt() == null ? null : s.endsAt().toString());
    answer.put("ended_at", s.endedAt() == null ? null : s.endedAt().toString());
    if (s.reducedDailyQuota() != QuotaLimits.UNLIMITED) {
      answer.put("reduced_daily_quota", s.reducedDailyQuota());
      answer.put("quota_until", s.quotaUntil().toString());
    }
    answer.put("actor", s.actor());
    answer.put("reason", s.reason());
    return answer;
  }

  private void casesOf(Context ctx) throws RelayException {
    List<Object> cases = new ArrayList<>();
    for (Case c : enforcement().cases(resellerId(ctx))) {
      cases.add(caseSummary(c));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("cases", cases);
    json(ctx, 200, answer);
  }

  private void sanctionsOf(Context ctx) throws RelayException {
    List<Object> sanctions = new ArrayList<>();
    for (Sanction s : enforcement().sanctions(resellerId(ctx))) {
      sanctions.add(sanctionSummary(s));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sanctions", sanctions);
    json(ctx, 200, answer);
  }

  // ---- Evidence ----

  private void evidence(Context ctx) throws RelayException {
    ResellerId id = resellerId(ctx);
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    if (from == null || to == null) {
      throw invalid("evidence needs ?from=...&to=... (RFC 3339)");
    }
    Enforcement enforcement = enforcement();
    enforcement.checkpoint();
    byte[] bundle = enforcement.exportEvidence(id, instant(from, "from"), instant(to, "to"));
    ctx.status(200).contentType("application/jsonl").header("Cache-Control", "no-store")
        .header("Content-Disposition", "attachment; filename=\"evidence-" + id.value() + ".jsonl\"").result(bundle);
  }

  // ---- Quotas ----

  private static QuotaSubject subject(Context ctx) throws RelayException {
    String kind = ctx.pathParam("kind");
    String value = ctx.pathParam("value");
    try {
      if (kind.equals("reseller")) {
        return QuotaSubject.reseller(ResellerId.parse(value));
      }
      if (kind.equals("origin-code")) {
        return QuotaSubject.originCode(value);
      }
    } catch (TqcException | IllegalArgumentException e) {
      throw invalid(kind + " " + value + " is not valid", e);
    }
    throw invalid("quota subject must be reseller/{id} or origin-code/{code}");
  }

  private void showQuota(Context ctx) throws RelayException {
    QuotaSubject subject = subject(ctx);
    Enforcement enforcement = enforcement();
    Map<String, Object> answer = quotaAnswer(subject, enforcement.quota(subject));
    answer.put("used_today", enforcement.usedToday(subject));
    json(ctx, 200, answer);
  }

  private void setQuota(Context ctx) throws IOException, RelayException {
    QuotaSubject subject = subject(ctx);
    JsonObject request = HttpSupport.readJsonObject(ctx, QUOTA_MEMBERS, false);
    QuotaLimits limits;
    try {
      limits = QuotaLimits.of(limit(request, "per_day"), limit(request, "per_minute"));
    } catch (JsonException e) {
      throw invalid(e.getMessage(), e);
    }
    enforcement().setQuota(subject, limits, actor(ctx, request));
    json(ctx, 200, quotaAnswer(subject, enforcement().quota(subject)));
  }

  private static long limit(JsonObject request, String name) throws JsonException {
    return request.has(name) ? request.integer(name, 0, 1_000_000_000_000L) : QuotaLimits.UNLIMITED;
  }

  private void clearQuota(Context ctx) throws RelayException {
    QuotaSubject subject = subject(ctx);
    String actor = AdminRoutes.actor(ctx, ctx.queryParam("actor"));
    enforcement().setQuota(subject, null, actor);
    json(ctx, 200, quotaAnswer(subject, enforcement().quota(subject)));
  }

  private static Map<String, Object> quotaAnswer(QuotaSubject subject, QuotaLimits limits) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("subject", subject.key());
    answer.put("per_day", limits.perDay() == QuotaLimits.UNLIMITED ? null : limits.perDay());
    answer.put("per_minute", limits.perMinute() == QuotaLimits.UNLIMITED ? null : limits.perMinute());
    return answer;
  }

  // ---- Helpers ----

  private static String optString(JsonObject request, String name) throws RelayException {
    try {
      return request.optString(name);
    } catch (JsonException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  private static String actor(Context ctx, JsonObject request) throws RelayException {
    return AdminRoutes.actor(ctx, optString(request, "actor"));
  }

  private static ResellerId resellerId(Context ctx) throws RelayException {
    try {
      return ResellerId.parse(ctx.pathParam("id"));
    } catch (TqcException e) {
      throw new RelayException(ReasonCode.RESELLER_ID_INVALID, e.detail(), e);
    }
  }

  private static Instant instant(String text, String name) throws RelayException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(name + " is not an RFC 3339 time with offset, e.g. 2026-12-01T21:05:00+09:00", e);
    }
  }
}
