package io.tqc.api.batch;

import static io.tqc.api.batch.BatchTest.MAX;
import static io.tqc.api.batch.BatchTest.minimal;
import static io.tqc.api.batch.BatchTest.utf8;
import static io.tqc.api.testing.Rejections.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The MMS members of the batch body: type, subject, images by digest and size. */
class MmsBatchTest {
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
  static final String DIGEST = BatchImage.ofContent(JPEG).sha256();

  static Batch mms(BatchImage image) {
    return new Batch.Builder().senderNumber("0212345678")
        .addMessage(new BatchMessage.Builder().to("01012345678").text("(광고)봄빛마트 사진 안내 무료거부 0801234567")
            .type(MessageType.MMS).subject("봄 세일").addImage(image).build())
        .advertiser("봄빛마트", "02-1234-5678")
        .build();
  }

  @Test
  void mmsMessage_serializesItsMembersAndParsesBackToTheSameBytes() throws Exception {
    byte[] bytes = mms(BatchImage.ofContent(JPEG)).toJsonBytes();

    Batch parsed = Batch.parse(bytes, MAX);

    assertThat(parsed.toJsonBytes()).isEqualTo(bytes);
    BatchMessage message = parsed.messages().get(0);
    assertThat(message.type()).isEqualTo(MessageType.MMS);
    assertThat(message.subject()).isEqualTo("봄 세일");
    assertThat(message.images()).containsExactly(BatchImage.of(DIGEST, JPEG.length));
    assertThat(message.images().get(0).matches(JPEG)).isTrue();
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(
        "\"type\":\"MMS\",\"subject\":\"봄 세일\",\"images\":[{\"sha256\":\"" + DIGEST + "\",\"size\":9}]");
  }

  @Test
  void batchWithoutTheNewMembers_serializesExactlyAsBefore() {
    Batch batch = new Batch.Builder().senderNumber("0212345678").advertising(false).addMessage("01012345678", "hi")
        .build();

    assertThat(new String(batch.toJsonBytes(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"sender_number\":\"0212345678\",\"advertising\":false,\"messages\":[{\"to\":\"01012345678\",\"text\":\"hi\"}]}");
  }

  @Test
  void imageDigestChangedInTheBytes_isAnotherBatch() throws Exception {
    byte[] bytes = mms(BatchImage.ofContent(JPEG)).toJsonBytes();
    byte[] other = JPEG.clone();
    other[4] ^= 1;
    String swapped = new String(bytes, StandardCharsets.UTF_8).replace(DIGEST, BatchImage.ofContent(other).sha256());

    Batch parsed = Batch.parse(utf8(swapped), MAX);

    assertThat(parsed.messages().get(0).images().get(0).matches(JPEG)).isFalse();
    assertThat(Arrays.equals(parsed.toJsonBytes(), bytes)).isFalse();
  }

  @Test
  void lmsWithASubjectAndNoImages_isAccepted() throws Exception {
    Batch batch = Batch.parse(utf8(minimal("[{\"to\":\"1\",\"text\":\"t\",\"type\":\"LMS\",\"subject\":\"s\"}]")), MAX);

    assertThat(batch.messages().get(0).type()).isEqualTo(MessageType.LMS);
    assertThat(batch.messages().get(0).images()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"mms\"}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"FAX\"}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":null}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"subject\":\"s\"}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"SMS\",\"subject\":\"s\"}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\"}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"LMS\",\"images\":[{\"sha256\":\"D\",\"size\":1}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"images\":[{\"sha256\":\"D\",\"size\":1}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\"}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"size\":1}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"size\":0}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"size\":-5}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"size\":1.0}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"size\":1e3}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"size\":\"9\"}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"size\":99999999999999999999}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"size\":1,\"name\":\"a.jpg\"}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"sha256\":\"D\",\"size\":1}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[\"D\"]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":{\"sha256\":\"D\",\"size\":1}}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"hex\",\"size\":1}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D=\",\"size\":1}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"Z\",\"size\":1}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"subject\":null,\"images\":[{\"sha256\":\"D\",\"size\":1}]}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"D\",\"size\":1}]}]"})
  void malformedMmsMembers_areBatchMalformed(String messages) {
    String json = minimal(messages.replace("\"D\"", "\"" + DIGEST + "\"")
        .replace("\"Z\"", "\"" + DIGEST.substring(0, 42) + "B\"")
        .replace("\"hex\"", "\"" + "ab".repeat(32) + "\""));

    TqcException e = assertFails(() -> Batch.parse(utf8(json), MAX), ReasonCode.BATCH_MALFORMED);

    assertThat(e.detail()).startsWith("batch body: ");
  }

  @Test
  void malformedMmsMember_isNamedInTheRefusal() {
    String noImages = minimal("[{\"to\":\"1\",\"text\":\"t\"},{\"to\":\"2\",\"text\":\"t\",\"type\":\"MMS\"}]");
    String badSize = minimal("[{\"to\":\"1\",\"text\":\"t\",\"type\":\"MMS\",\"images\":[{\"sha256\":\"" + DIGEST
        + "\",\"size\":0}]}]");

    assertThat(assertFails(() -> Batch.parse(utf8(noImages), MAX), ReasonCode.BATCH_MALFORMED).detail())
        .contains("messages[1]").contains("MMS needs at least one image");
    assertThat(assertFails(() -> Batch.parse(utf8(badSize), MAX), ReasonCode.BATCH_MALFORMED).detail())
        .contains("messages[0]").contains("images[0]").contains("\"size\"");
  }

  @Test
  void imageDigest_acceptsOnlyCanonicalBase64urlOf32Bytes() {
    assertThat(BatchImage.of(DIGEST, 1).sha256()).isEqualTo(DIGEST);
    assertThatThrownBy(() -> BatchImage.of(DIGEST.substring(1), 1)).hasMessageContaining("\"sha256\"");
    assertThatThrownBy(() -> BatchImage.of(DIGEST.substring(0, 42) + "B", 1)).hasMessageContaining("canonical");
    assertThatThrownBy(() -> BatchImage.of("ab".repeat(32), 1)).hasMessageContaining("\"sha256\"");
    assertThatThrownBy(() -> BatchImage.of(DIGEST, 0)).hasMessageContaining("\"size\"");
    assertThatThrownBy(() -> BatchImage.ofContent(new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messageBuilder_refusesShapesThatAreNotSmsLmsOrMms() {
    BatchImage image = BatchImage.ofContent(JPEG);
    BatchMessage.Builder base = new BatchMessage.Builder().to("1").text("t");

    assertThatThrownBy(() -> base.subject("s").build()).hasMessageContaining("\"subject\" needs \"type\" LMS or MMS");
    assertThatThrownBy(() -> new BatchMessage.Builder().to("1").text("t").type(MessageType.SMS).subject("s").build())
        .hasMessageContaining("not SMS");
    assertThatThrownBy(() -> new BatchMessage.Builder().to("1").text("t").type(MessageType.LMS).addImage(image).build())
        .hasMessageContaining("\"images\" need \"type\" MMS");
    assertThatThrownBy(() -> new BatchMessage.Builder().to("1").text("t").type(MessageType.MMS).build())
        .hasMessageContaining("at least one image");
    assertThatThrownBy(() -> new BatchMessage.Builder().to("1").build()).hasMessageContaining("\"text\"");
    assertThat(new BatchMessage.Builder().to("1").text("t").type(MessageType.MMS).addImage(image).build()
        .newBuilder().build().images()).containsExactly(image);
  }
}
