package io.tqc.examples.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tqc.adapters.nhn.NhnCloudSmsAdapter;
import io.tqc.api.batch.BatchImage;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.client.TqcClient;
import io.tqc.examples.adapters.PhotoCampaign.Campaign;
import io.tqc.examples.adapters.PhotoCampaign.Status;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.Registration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The photo campaign against the in-process reference relay and a loopback stand-in for NHN Cloud. */
class PhotoCampaignTest {
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0,
      (byte) 0xFF, (byte) 0xD9};
  static final String TEXT = "겨울 신메뉴 사진 안내 문의 02-1234-5678 무료거부 080-123-4567";

  @TempDir Path data;
  final SigningKey key = SigningKey.generate();
  final List<String> received = new CopyOnWriteArrayList<>();
  RelayServer server;
  TqcClient client;
  HttpServer nhn;
  PhotoCampaign campaigns;

  @BeforeEach
  void start() throws Exception {
    ResellerId id = ResellerId.parse("124-81-00998");
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data.resolve("relay")).build());
    server.relay().registry().register(new Registration.Builder().id(id).name("(주)예시문자")
        .addKey(key.verificationKey()).senderNumbers(List.of("0212345678")).originCode("123456789").build(), "test");
    client = new TqcClient.Builder().relayUrl(server.url()).resellerId(id).signingKey(key)
        .statusPollInterval(Duration.ofMillis(100)).build();
    client.awaitReady(Duration.ofSeconds(15));
    nhn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    nhn.createContext("/sms/v3.0/appKeys/APPKEY/sender/ad-mms", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] ok = ("{\"header\":{\"isSuccessful\":true,\"resultCode\":0,\"resultMessage\":\"SUCCESS\"},"
          + "\"body\":{\"data\":{\"requestId\":\"20261201-mms-1\"}}}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    nhn.start();
    campaigns = new PhotoCampaign(new NhnCloudSmsAdapter.Builder().tqc(client)
        .baseUrl("http://127.0.0.1:" + nhn.getAddress().getPort()).appKey("APPKEY").secretKey("secret").build());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    nhn.stop(0);
    server.close();
  }

  static Campaign campaign(String subject, byte[] jpeg) {
    return new Campaign("0212345678", "한빛베이커리", "02-1234-5678", subject, TEXT, 307917, jpeg,
        List.of("01030000001", "01030000002"));
  }

  @Test
  void photoCampaign_isSentCertifiedOnce_withTheOriginCodeAndTheAttachmentId() {
    PhotoCampaign.Outcome outcome = campaigns.send(campaign("(광고)한빛베이커리 겨울 신메뉴", JPEG));

    assertThat(outcome.status()).isEqualTo(Status.SENT);
    assertThat(outcome.batchId()).isNotNull();
    assertThat(received).singleElement().satisfies(body -> assertThat(body)
        .contains("\"title\":\"(광고)한빛베이커리 겨울 신메뉴\"").contains("\"attachFileIdList\":[307917]")
        .contains("\"originCode\":\"123456789\""));
  }

  @Test
  void campaignWithoutTheMarker_orWithATooLargePhoto_isNotSent() {
    byte[] large = new byte[300 * 1024 + 1];
    large[0] = (byte) 0xFF;

    PhotoCampaign.Outcome unmarked = campaigns.send(campaign("한빛베이커리 겨울 신메뉴", JPEG));
    PhotoCampaign.Outcome tooLarge = campaigns.send(campaign("(광고)한빛베이커리 겨울 신메뉴", large));

    assertThat(unmarked.status()).isEqualTo(Status.NON_COMPLIANT);
    assertThat(unmarked.reasons()).contains("ad_marker_missing");
    assertThat(tooLarge.status()).isEqualTo(Status.NON_COMPLIANT);
    assertThat(tooLarge.reasons()).containsExactly("mms_image_too_large");
    assertThat(received).isEmpty();
    assertThat(BatchImage.ofContent(large).size()).isEqualTo(300 * 1024 + 1);
  }
}
