package io.tqc.api.compliance;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.time.Instant;

/** Compliant batch pieces shared by the compliance tests. */
final class TestBatches {
  static final String SENDER = "02-1234-5678";
  static final String NAME = "봄빛마트";
  static final String CONTACT = "02-1234-5678";
  static final String TEXT = "(광고)봄빛마트 봄맞이 할인 02-1234-5678 무료수신거부 080-123-4567";
  /** 2025-03-14 12:00 KST. */
  static final Instant NOON_KST = Instant.parse("2025-03-14T03:00:00Z");

  private TestBatches() {
  }

  /** An advertising batch builder with the compliant sender and advertiser, no messages yet. */
  static Batch.Builder advertising() {
    return new Batch.Builder().senderNumber(SENDER).advertising(true).advertiser(NAME, CONTACT);
  }

  /** A compliant one-message advertising batch. */
  static Batch compliant() {
    return advertising().addMessage(new BatchMessage("010-2345-6789", TEXT)).build();
  }

  /** A non-advertising batch with one message of {@code text}. */
  static Batch plain(String text) {
    return new Batch.Builder().senderNumber(SENDER).advertising(false)
        .addMessage(new BatchMessage("010-2345-6789", text)).build();
  }
}
