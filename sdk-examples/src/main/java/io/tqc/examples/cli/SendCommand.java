package io.tqc.examples.cli;

import io.tqc.client.AdvertisingBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tqc send --relay URL --reseller-id ID --key FILE --batch FILE}: certify and send one batch. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = {"Certify one batch with the TQC client and send it to the relay (광고 문자 전송).",
        "The batch file is the relay contract's body: {\"sender_number\", \"advertising\", \"messages\": "
            + "[{\"to\", \"text\", \"night_consent\"?}], \"advertiser\"?: {\"name\", \"contact\"}, \"send_at\"?}.",
        "Prints 'accepted <batch_id> <n>'; on refusal prints 'error: <reason_code>: <detail>' (every violation of "
            + "a non-compliant batch) and exits 1; exits 3 at once if the relay cannot be reached."})
final class SendCommand implements Callable<Integer> {
  static final int MAX_BATCH_FILE = 16 * 1024 * 1024;

  @Spec
  CommandSpec spec;

  @Mixin
  ResellerOptions reseller;

  @Option(names = "--batch", required = true, paramLabel = "FILE", description = "The batch JSON file.")
  Path batch;

  @Override
  public Integer call() throws Exception {
    byte[] body = readBatch(batch);
    try (RelayApi api = new RelayApi(reseller.relay, null)) {
      String endpoint = api.batchEndpoint(); // fails fast (exit 3) if the relay cannot be reached
      send(api, endpoint, body);
    }
    return TqcCli.EXIT_OK;
  }

  private void send(RelayApi api, String endpoint, byte[] body) throws Exception {
    try (ClientSession session = reseller.open(api)) {
      session.awaitReady(reseller.timeout());
      OkHttpClient http = api.http().newBuilder().addInterceptor(session.client().interceptor()).build();
      Request request = new Request.Builder()
          .url(endpoint)
          .post(RequestBody.create(body, RelayApi.JSON))
          .tag(AdvertisingBatch.class, AdvertisingBatch.countingMessages())
          .build();
      RelayApi.Answer answer = RelayApi.execute(http, request);
      if (answer.status() != 202) {
        throw answer.refusal();
      }
      spec.commandLine().getOut().println("accepted " + answer.string("batch_id") + " " + answer.json().asMap()
          .get("accepted"));
    }
  }

  private static byte[] readBatch(Path file) throws CliException {
    try {
      if (Files.size(file) > MAX_BATCH_FILE) {
        throw new CliException(TqcCli.EXIT_USAGE, file + " is larger than " + MAX_BATCH_FILE + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot read " + file + ": " + Files2.describe(e));
    }
  }
}
