package io.tqc.examples.cli;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.compliance.KoreanPhoneNumbers;
import io.tqc.api.key.SigningKey;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.ResellerId;
import io.tqc.examples.json.Json;
import io.tqc.examples.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tqc admin --relay URL [--admin-token T] register|suspend|reinstate|revoke|show ...}. */
@Command(name = "admin", mixinStandardHelpOptions = true,
    customSynopsis = "tqc admin --relay=URL [--admin-token=T] [--actor=NAME] COMMAND [OPTIONS]",
    description = {"Operate a relay's reseller registry through its admin API (전송자격 관리).",
        "--relay is required; the admin token may come from the TQC_ADMIN_TOKEN environment variable."},
    subcommands = {AdminCommand.Register.class, AdminCommand.Suspend.class, AdminCommand.Reinstate.class,
        AdminCommand.Revoke.class, AdminCommand.Show.class, AdminListsCommand.ImportOptOuts.class,
        AdminListsCommand.ImportNumberList.class, EnforcementCommands.Report.class,
        EnforcementCommands.CaseCommand.class, EnforcementCommands.Evidence.class})
final class AdminCommand {
  // Required, but checked in api() rather than by picocli, so that "admin register --help" works
  // without it; the synopsis above shows it as required.
  @Option(names = "--relay", paramLabel = "URL", description = "Relay base URL. Required.")
  String relay;

  @Option(names = "--admin-token", paramLabel = "T", description = "Admin bearer token (default: $TQC_ADMIN_TOKEN).")
  String adminToken;

  @Option(names = "--actor", paramLabel = "NAME", description = "Who acts, recorded in the history (default admin-api).")
  String actor;

  RelayApi api() throws CliException {
    if (relay == null) {
      throw new CliException(TqcCli.EXIT_USAGE, "admin needs --relay URL");
    }
    return new RelayApi(relay, adminToken != null ? adminToken : System.getenv("TQC_ADMIN_TOKEN"));
  }

  /** {@code register}: prints the certification id. */
  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register a reseller (전송자격인증 등록); prints the certification id.")
  static final class Register implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--reseller-id", required = true, paramLabel = "ID",
        description = "Business registration number (사업자등록번호), e.g. 124-81-00998.")
    String resellerId;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Reseller name, e.g. (주)예시문자.")
    String name;

    @Option(names = "--public-key", required = true, paramLabel = "FILE",
        description = "The reseller's PUBLIC key: a JWK (as printed by tqc keygen) or an SPKI PEM.")
    Path publicKey;

    @Option(names = "--sender-number", required = true, paramLabel = "NUM",
        description = "A pre-registered sender number (발신번호), e.g. 02-1234-5678 (dashes and spaces are "
            + "dropped); repeat for more.")
    List<String> senderNumbers;

    @Option(names = "--origin-code", required = true, paramLabel = "CODE",
        description = "First-sender identification code (최초 발신자 식별코드): the reseller's 9-digit registration "
            + "number (등록번호), e.g. 123-45-6789 (dashes and spaces are dropped).")
    String originCode;

    @Override
    public Integer call() throws Exception {
      ResellerId id = ResellerId.parse(resellerId);
      VerificationKey key = readPublicKey(publicKey);
      List<String> numbers = new java.util.ArrayList<>();
      for (String number : senderNumbers) {
        String digits = KoreanPhoneNumbers.normalize(number);
        if (digits == null) {
          throw new CliException(TqcCli.EXIT_USAGE, "--sender-number " + number + " is not a phone number");
        }
        numbers.add(digits);
      }
      String origin = CertificationClaims.normalizeOriginCode(originCode);
      if (origin == null) {
        throw new CliException(TqcCli.EXIT_USAGE, "--origin-code " + originCode + " is not a first-sender "
            + "identification code: the 9-digit registration number (등록번호), e.g. 123-45-6789");
      }
      try (RelayApi api = admin.api()) {
        JsonObject answer = api.register(id, name, key, numbers, origin, admin.actor);
        spec.commandLine().getOut().println(answer.string("cert_id"));
      }
      return TqcCli.EXIT_OK;
    }
  }

  /** Reads a public JWK or SPKI PEM; a file holding a private key is refused. */
  static VerificationKey readPublicKey(Path file) throws Exception {
    String text = Files2.read(file).trim();
    boolean isPrivate;
    try {
      SigningKey.parse(text);
      isPrivate = true;
    } catch (TqcException e) {
      isPrivate = false;
    }
    if (isPrivate) {
      throw new CliException(TqcCli.EXIT_USAGE, file + " holds a PRIVATE key; give the relay only the public JWK "
          + "(the line tqc keygen prints)");
    }
    return text.startsWith("-----BEGIN") ? VerificationKey.fromPem(text) : VerificationKey.fromJwk(text);
  }

  /** Shared options and action of the three status changes. */
  abstract static class Change implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--reseller-id", required = true, paramLabel = "ID", description = "Business registration number.")
    String resellerId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why, recorded in the history and signed into the status (see the example below).")
    String reason;

    abstract String action();

    @Override
    public Integer call() throws Exception {
      ResellerId id = ResellerId.parse(resellerId);
      try (RelayApi api = admin.api()) {
        JsonObject answer = api.changeStatus(id, action(), reason, admin.actor);
        spec.commandLine().getOut().println(answer.string("reseller_id") + " " + answer.string("status")
            + " seq=" + answer.asMap().get("seq") + " cert_id=" + answer.string("cert_id"));
      }
      return TqcCli.EXIT_OK;
    }
  }

  /** {@code suspend}. */
  @Command(name = "suspend", mixinStandardHelpOptions = true,
      description = "Suspend a certification (전송자격 일시정지): every batch and token request is refused at once.",
      footer = {"%nExample:", "  tqc admin --relay URL suspend --reseller-id 124-81-00998 \\",
          "      --reason '불법스팸 전송 확인'"})
  static final class Suspend extends Change {
    @Override
    String action() {
      return "suspend";
    }
  }

  /** {@code reinstate}. */
  @Command(name = "reinstate", mixinStandardHelpOptions = true,
      description = "Reinstate a suspended certification (정지 해제); clients resume with a new token.",
      footer = {"%nExample:", "  tqc admin --relay URL reinstate --reseller-id 124-81-00998 \\",
          "      --reason '소명 확인, 정지 해제'"})
  static final class Reinstate extends Change {
    @Override
    String action() {
      return "reinstate";
    }
  }

  /** {@code revoke}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a certification (전송자격 취소). Final: it cannot be reinstated.",
      footer = {"%nExample:", "  tqc admin --relay URL revoke --reseller-id 124-81-00998 \\",
          "      --reason '전송자격 취소 결정'"})
  static final class Revoke extends Change {
    @Override
    String action() {
      return "revoke";
    }
  }

  /** {@code show}: status and history. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a reseller's certification, status and history (이력).")
  static final class Show implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--reseller-id", required = true, paramLabel = "ID", description = "Business registration number.")
    String resellerId;

    @Option(names = "--json", description = "Print the relay's JSON document instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      ResellerId id = ResellerId.parse(resellerId);
      JsonObject reseller;
      try (RelayApi api = admin.api()) {
        reseller = api.show(id);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(reseller));
      } else {
        printReseller(out, reseller);
      }
      return TqcCli.EXIT_OK;
    }
  }

  /** Prints a reseller document as a short table with its history (times in Asia/Seoul). */
  static void printReseller(PrintWriter out, JsonObject reseller) throws Exception {
    String reason = text(reseller, "status_reason");
    out.printf("reseller        %s  %s%n", ResellerId.parse(reseller.string("reseller_id")).formatted(),
        reseller.string("name"));
    out.printf("status          %s (seq %s)%s%n", reseller.string("status"), reseller.asMap().get("seq"),
        reason == null ? "" : " — " + reason);
    out.printf("certification   %s, valid until %s%n", reseller.string("cert_id"),
        seoul(reseller.string("cert_expires_at")));
    out.printf("sender numbers  %s%n", String.join(", ", reseller.stringArray("sender_numbers", 100)));
    out.printf("origin code     %s%n", reseller.string("origin_code"));
    out.println("history");
    for (Object item : reseller.array("history")) {
      if (!(item instanceof JsonObject)) {
        throw new TqcException(ReasonCode.REQUEST_INVALID, "history entry is not an object");
      }
      JsonObject change = (JsonObject) item;
      String why = text(change, "reason");
      out.printf("  %3s  %s  %-12s %-9s %s%s%n", change.asMap().get("seq"), seoul(change.string("at")),
          change.string("event"), change.string("status"), change.string("actor"), why == null ? "" : "  " + why);
    }
  }

  /** The string member {@code name}, or null if it is absent, null or not a string. */
  static String text(JsonObject object, String name) {
    Object value = object.asMap().get(name);
    return value instanceof String ? (String) value : null;
  }

  /** An ISO instant shown in Asia/Seoul, to the second. */
  static String seoul(String instant) {
    try {
      return java.time.Instant.parse(instant).atZone(TokenCommand.SEOUL).toOffsetDateTime()
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    } catch (java.time.format.DateTimeParseException e) {
      return instant;
    }
  }
}
