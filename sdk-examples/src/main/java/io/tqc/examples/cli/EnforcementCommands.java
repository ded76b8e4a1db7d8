package io.tqc.examples.cli;

import io.tqc.api.token.ResellerId;
import io.tqc.examples.json.Json;
import io.tqc.examples.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The enforcement subcommands of {@code tqc admin}: {@code report}, {@code case}, {@code evidence}. */
final class EnforcementCommands {
  private EnforcementCommands() {}

  static String token(AdminCommand admin) throws CliException {
    String token = admin.adminToken != null ? admin.adminToken : System.getenv("TQC_ADMIN_TOKEN");
    if (token == null || token.isEmpty()) {
      throw new CliException(TqcCli.EXIT_USAGE, "an admin token is required (--admin-token or TQC_ADMIN_TOKEN)");
    }
    return token;
  }

  static RelayApi.Answer adminCall(AdminCommand admin, RelayApi api, String method, String path, byte[] body,
      String contentType) throws Exception {
    Request.Builder request = new Request.Builder().url(api.base().resolve(path))
        .header("Authorization", "Bearer " + token(admin));
    request.method(method, body == null ? null : RequestBody.create(body, MediaType.get(contentType)));
    RelayApi.Answer answer = api.execute(request.build());
    if (answer.status() / 100 != 2) {
      throw answer.refusal();
    }
    return answer;
  }

  static Instant instant(String text, String option) throws CliException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new CliException(TqcCli.EXIT_USAGE, option + " must be an RFC 3339 time with offset, e.g. "
          + "2026-12-01T21:05:00+09:00");
    }
  }

  /** {@code tqc admin report}: one report from options, or many from a CSV file. */
  @Command(name = "report", mixinStandardHelpOptions = true,
      description = {"Submit a spam report (불법스팸 신고) for traceback; prints the ranked matches and the case.",
          "With --csv FILE, imports many reports (header: received_at,recipient,sender_number,text,origin_code,"
              + "source,reference); a bad line refuses the whole file and is named by number."})
  static final class Report implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--received-at", paramLabel = "TIME", description = "When the phone received it (RFC 3339; default now).")
    String receivedAt;

    @Option(names = "--recipient", paramLabel = "NUMBER", description = "The recipient number, e.g. 010-1234-5678.")
    String recipient;

    @Option(names = "--sender-number", paramLabel = "NUMBER", description = "The sender number the phone showed.")
    String senderNumber;

    @Option(names = "--text", paramLabel = "TEXT", description = "The text as received.")
    String text;

    @Option(names = "--origin-code", paramLabel = "CODE", description = "The first-sender code the carrier saw.")
    String originCode;

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "kisa_118",
        description = "kisa_118, spam_trap, carrier or user (default ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--reference", paramLabel = "REF", description = "The reporter's own reference (duplicates are refused).")
    String reference;

    @Option(names = "--csv", paramLabel = "FILE", description = "Import every report of a CSV file instead.")
    Path csv;

    @Option(names = "--json", description = "Print the relay's JSON answer.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (RelayApi api = admin.api()) {
        if (csv != null) {
          if (!Files.isRegularFile(csv)) {
            throw new CliException(TqcCli.EXIT_USAGE, "no such CSV file: " + csv);
          }
          String path = "v1/admin/reports/csv" + (admin.actor != null ? "?actor=" + admin.actor : "");
          RelayApi.Answer answer = adminCall(admin, api, "POST", path, Files.readAllBytes(csv), "text/csv; charset=utf-8");
          out.println(Json.write(answer.json()));
          return TqcCli.EXIT_OK;
        }
        if (recipient == null || text == null) {
          throw new CliException(TqcCli.EXIT_USAGE, "report needs --recipient and --text (or --csv FILE)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("received_at", receivedAt != null ? OffsetDateTime.parse(receivedAt).toString()
            : OffsetDateTime.now(java.time.ZoneOffset.ofHours(9)).toString());
        body.put("recipient", recipient);
        if (senderNumber != null) {
          body.put("sender_number", senderNumber);
        }
        body.put("text", text);
        if (originCode != null) {
          body.put("origin_code", originCode);
        }
        body.put("source", source);
        if (reference != null) {
          body.put("reference", reference);
        }
        if (admin.actor != null) {
          body.put("actor", admin.actor);
        }
        JsonObject answer = adminCall(admin, api, "POST", "v1/admin/reports", Json.writeBytes(body), "application/json")
            .json();
        if (json) {
          out.println(Json.write(answer));
        } else {
          printReport(out, answer);
        }
      } catch (DateTimeParseException e) {
        throw new CliException(TqcCli.EXIT_USAGE, "--received-at must be an RFC 3339 time with offset");
      }
      return TqcCli.EXIT_OK;
    }
  }

  static void printReport(PrintWriter out, JsonObject answer) throws Exception {
    out.printf("report   %s%n", answer.string("report_id"));
    out.printf("traced   %s%n", answer.string("rank"));
    for (Object item : answer.array("matches")) {
      JsonObject m = (JsonObject) item;
      out.printf("  %-8s reseller %s  origin %s  batch %s#%s  accepted %s  node %s%n", m.string("rank"),
          m.string("reseller_id"), m.string("origin_code"), m.string("batch_id"), m.asMap().get("message_index"),
          AdminCommand.seoul(m.string("accepted_at")), m.string("node"));
    }
    String caseId = answer.optString("case_id");
    if (caseId != null) {
      out.printf("case     %s (%s)%n", caseId, Boolean.TRUE.equals(answer.asMap().get("case_opened")) ? "opened" : "joined");
    }
  }

  /** {@code tqc admin case show|confirm|dismiss|sanction --case ID}. */
  @Command(name = "case", mixinStandardHelpOptions = true,
      description = {"Review an enforcement case: show it, confirm it, dismiss it, or sanction a confirmed case",
          "along the relay's sanction ladder (warning / suspension / revocation)."})
  static final class CaseCommand implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "ACTION", description = "show, confirm, dismiss or sanction.")
    String action;

    @Option(names = "--case", required = true, paramLabel = "ID", description = "The case id (case_...).")
    String caseId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the case history).")
    String reason;

    @Override
    public Integer call() throws Exception {
      if (!List.of("show", "confirm", "dismiss", "sanction").contains(action)) {
        throw new CliException(TqcCli.EXIT_USAGE, "ACTION must be show, confirm, dismiss or sanction");
      }
      if (!caseId.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new CliException(TqcCli.EXIT_USAGE, "--case is not a case id");
      }
      try (RelayApi api = admin.api()) {
        RelayApi.Answer answer;
        if (action.equals("show")) {
          answer = adminCall(admin, api, "GET", "v1/admin/cases/" + caseId, null, null);
        } else {
          Map<String, Object> body = new LinkedHashMap<>();
          if (reason != null) {
            body.put("reason", reason);
          }
          if (admin.actor != null) {
            body.put("actor", admin.actor);
          }
          answer = adminCall(admin, api, "POST", "v1/admin/cases/" + caseId + "/" + action, Json.writeBytes(body),
              "application/json");
        }
        spec.commandLine().getOut().println(Json.write(answer.json()));
      }
      return TqcCli.EXIT_OK;
    }
  }

  /** {@code tqc admin evidence --reseller-id ID --from T --to T --out FILE}. */
  @Command(name = "evidence", mixinStandardHelpOptions = true,
      description = {"Export the signed evidence bundle of a reseller for a period (KCUP inspection, KCC/KISA",
          "investigation): audit records with tokens and proofs, the hash chain and checkpoints, status history,",
          "cases and sanctions. Check it offline with: tqc evidence verify FILE --jwks ..."})
  static final class Evidence implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--reseller-id", required = true, paramLabel = "ID", description = "Business registration number.")
    String resellerId;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start (RFC 3339).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End (RFC 3339).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the bundle (.jsonl).")
    Path outFile;

    @Override
    public Integer call() throws Exception {
      ResellerId id = ResellerId.parse(resellerId);
      Instant start = instant(from, "--from");
      Instant end = instant(to, "--to");
      try (RelayApi api = admin.api()) {
        RelayApi.Answer answer = adminCall(admin, api, "GET", "v1/admin/resellers/" + id.value() + "/evidence?from="
            + start + "&to=" + end, null, null);
        Files.write(outFile, answer.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long lines = answer.text().chars().filter(c -> c == '\n').count();
        spec.commandLine().getOut().println("wrote " + outFile + " (" + lines + " lines)");
      }
      return TqcCli.EXIT_OK;
    }
  }
}
