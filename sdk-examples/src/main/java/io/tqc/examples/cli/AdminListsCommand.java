package io.tqc.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tqc admin import-opt-outs} and {@code tqc admin import-number-list}: load recipient-protection
 * lists into a relay started with protection on (see docs/relay-guide.md, section 4.4).
 */
final class AdminListsCommand {
  static final int MAX_FILE = 8 * 1024 * 1024;
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
  private static final MediaType CSV = MediaType.get("text/csv; charset=utf-8");

  private AdminListsCommand() {
  }

  /** Posts {@code body} to {@code url} with the admin token and prints the import summary. */
  static int post(AdminCommand admin, CommandSpec spec, java.util.function.Function<HttpUrl, HttpUrl> url, String body,
      MediaType type) throws Exception {
    String token = admin.adminToken != null ? admin.adminToken : System.getenv("TQC_ADMIN_TOKEN");
    if (token == null || token.isEmpty()) {
      throw new CliException(TqcCli.EXIT_USAGE, "the admin token is required (--admin-token or TQC_ADMIN_TOKEN)");
    }
    try (RelayApi api = admin.api()) {
      Request request = new Request.Builder().url(url.apply(api.base())).header("Authorization", "Bearer " + token)
          .post(RequestBody.create(body, type)).build();
      RelayApi.Answer answer = api.execute(request);
      if (answer.status() != 200) {
        throw answer.refusal();
      }
      PrintWriter out = spec.commandLine().getOut();
      Map<String, Object> summary = answer.json().asMap();
      for (Map.Entry<String, Object> entry : summary.entrySet()) {
        if (!entry.getKey().equals("errors")) {
          out.println(entry.getKey() + " " + entry.getValue());
        }
      }
      Object errors = summary.get("errors");
      if (errors instanceof List) {
        for (Object error : (List<?>) errors) {
          spec.commandLine().getErr().println("refused " + error);
        }
      }
      return TqcCli.EXIT_OK;
    }
  }

  /** {@code import-opt-outs --advertiser NAME --csv FILE}. */
  @Command(name = "import-opt-outs", mixinStandardHelpOptions = true,
      description = {"Import an advertiser's opt-outs (수신거부 목록) from a CSV file:",
          "number[,source[,opted_out_at[,opt_out_number]]], optional header; bad lines are reported, good ones kept."})
  static final class ImportOptOuts implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--advertiser", required = true, paramLabel = "NAME", description = "The advertiser's name.")
    String advertiser;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file.")
    Path csv;

    @Override
    public Integer call() throws Exception {
      String text = Files2.read(csv);
      if (text.length() > MAX_FILE) {
        throw new CliException(TqcCli.EXIT_USAGE, csv + " is larger than " + MAX_FILE + " bytes; split it");
      }
      return post(admin, spec, base -> base.newBuilder().addPathSegments("v1/admin/suppressions/import")
          .addQueryParameter("advertiser", advertiser).build(), text, CSV);
    }
  }

  /** {@code import-number-list --list stolen --version V --published-at TIME --file FILE}. */
  @Command(name = "import-number-list", mixinStandardHelpOptions = true,
      description = {"Replace one sender-number list (KTOA terminated / suspended / unassigned, KISA stolen)",
          "with the numbers of FILE, one a line; the list's version and publication time are recorded."})
  static final class ImportNumberList implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--list", required = true, paramLabel = "LIST",
        description = "terminated, suspended, unassigned or stolen.")
    String list;

    @Option(names = "--version", required = true, paramLabel = "V", description = "The list's version, e.g. KISA-2026-12-01.")
    String version;

    @Option(names = "--published-at", required = true, paramLabel = "TIME",
        description = "When the list was published, ISO-8601 with offset, e.g. 2026-12-01T00:00:00+09:00.")
    String publishedAt;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The numbers, one a line.")
    Path file;

    @Override
    public Integer call() throws Exception {
      String text = Files2.read(file);
      if (text.length() > MAX_FILE) {
        throw new CliException(TqcCli.EXIT_USAGE, file + " is larger than " + MAX_FILE + " bytes");
      }
      return post(admin, spec, base -> base.newBuilder().addPathSegments("v1/admin/sender-number-lists")
          .addPathSegment(list).addQueryParameter("version", version).addQueryParameter("published_at", publishedAt)
          .build(), text, TEXT);
    }
  }
}
