package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchImage;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.batch.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An MMS batch through the relay's verifier and default content policy: the proof binds the image
 * digests, and the LMS/MMS limits refuse with their reason codes.
 */
class MmsBatchRelayTest {
  static final byte[] PHOTO = "JFIF spring sale photo".getBytes(StandardCharsets.UTF_8);
  static final byte[] OTHER_PHOTO = "JFIF something else".getBytes(StandardCharsets.UTF_8);

  final RelayFixture fixture;

  MmsBatchRelayTest() throws Exception {
    fixture = new RelayFixture();
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  static byte[] mms(String subject, BatchImage... images) {
    BatchMessage.Builder message = new BatchMessage.Builder().to("01011112222").nightConsent(true)
        .type(MessageType.MMS).subject(subject).text("봄 사진 할인 안내 문의 02-1234-5678 무료거부 080-123-4567");
    for (BatchImage image : images) {
      message.addImage(image);
    }
    return new Batch.Builder().senderNumber(RelayFixture.SENDERS.get(0)).advertising(true)
        .advertiser(RelayFixture.ADVERTISER, "02-1234-5678").addMessage(message.build()).build().toJsonBytes();
  }

  @Test
  void compliantMms_isAccepted() throws Exception {
    RelayFixture.Member m = fixture.register();

    AcceptedBatch accepted = m.send(m.token(), mms("(광고)테스트상점 봄 세일", BatchImage.ofContent(PHOTO)));

    assertThat(fixture.relay.acceptedBatches(Instant.EPOCH, 10)).hasSize(1);
    assertThat(accepted.messageCount()).isEqualTo(1);
  }

  @Test
  void imageDigestChangedAfterSigning_isBatchDigestMismatch() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] signed = mms("(광고)테스트상점 봄 세일", BatchImage.ofContent(PHOTO));
    String proof = m.proof(token, signed, 1);
    byte[] swapped = new String(signed, StandardCharsets.UTF_8)
        .replace(BatchImage.ofContent(PHOTO).sha256(), BatchImage.ofContent(OTHER_PHOTO).sha256())
        .getBytes(StandardCharsets.UTF_8);
    assertThat(swapped).isNotEqualTo(signed).hasSameSizeAs(signed);

    assertRefused(() -> fixture.relay.acceptBatch(token, proof, swapped), ReasonCode.BATCH_DIGEST_MISMATCH);
    // Control: the bytes as signed are accepted with the same proof.
    assertThat(fixture.relay.acceptBatch(token, proof, signed).batchId()).isNotNull();
  }

  @Test
  void overLimitMms_isRefusedWithTheRule() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    BatchImage photo = BatchImage.ofContent(PHOTO);
    BatchImage large = BatchImage.of(photo.sha256(), 300 * 1024 + 1);

    assertRefused(() -> m.send(token, mms("(광고)테스트상점 " + "봄".repeat(20), photo)), ReasonCode.SUBJECT_TOO_LONG);
    assertRefused(() -> m.send(token, mms("(광고)테스트상점", photo, photo, photo, photo)),
        ReasonCode.MMS_TOO_MANY_IMAGES);
    assertRefused(() -> m.send(token, mms("(광고)테스트상점", large)), ReasonCode.MMS_IMAGE_TOO_LARGE);
    assertRefused(() -> m.send(token, mms("테스트상점 봄 세일", photo)), ReasonCode.AD_MARKER_MISSING);
    assertThat(fixture.relay.acceptedBatches(Instant.EPOCH, 10)).isEmpty();
  }
}
