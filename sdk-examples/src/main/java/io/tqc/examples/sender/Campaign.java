package io.tqc.examples.sender;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What an advertiser (광고주) asked the reseller to send: one text from one pre-registered sender
 * number (발신번호), cut into batches of at most {@code batchSize} recipients. The text must follow
 * 정보통신망법 제50조 (docs/compliance.md): begin with {@code (광고)}, name the advertiser right
 * after it, carry a contact and a free opt-out (무료거부 080 number). {@link BulkSender} checks it
 * before anything is sent.
 *
 * @param senderNumber the sender number as registered with the relay (digits only)
 * @param advertiserName the advertiser's name as it appears after {@code (광고)}
 * @param advertiserContact the advertiser's contact as it appears in the text
 * @param text the message text
 * @param batchSize recipients per batch, 1 to 10,000
 */
public record Campaign(String senderNumber, String advertiserName, String advertiserContact, String text,
    int batchSize) {
  /** Validates the parts. */
  public Campaign {
    if (senderNumber == null || advertiserName == null || advertiserContact == null || text == null) {
      throw new IllegalArgumentException("sender number, advertiser name and contact, and text are required");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("batchSize must be 1..10000");
    }
  }

  /** The batches for {@code recipients}, in order. */
  public List<Batch> batches(List<Recipient> recipients) {
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < recipients.size(); from += batchSize) {
      Batch.Builder batch = new Batch.Builder().senderNumber(senderNumber).advertising(true)
          .advertiser(advertiserName, advertiserContact);
      for (Recipient recipient : recipients.subList(from, Math.min(recipients.size(), from + batchSize))) {
        batch.addMessage(new BatchMessage(recipient.to(), text, recipient.nightConsent()));
      }
      batches.add(batch.build());
    }
    return batches;
  }
}
