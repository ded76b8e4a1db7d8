package io.tqc.adapters.internal;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.batch.MessageType;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What TQC needs to know about a send that providers have no field for: whether it advertises, the
 * advertiser (Art. 50 display) and which recipients consented separately to night-time advertising.
 * Mutable only while a request builder fills it; {@link #copy()} freezes it.
 */
public final class Advertising {
  private boolean advertising = true;
  private String advertiserName;
  private String advertiserContact;
  private final Set<String> nightConsents = new HashSet<>();
  private Instant sendAt;

  /** Whether the send is advertising (광고성 정보), default true. */
  public void advertising(boolean advertising) {
    this.advertising = advertising;
  }

  /** The advertiser's name and contact as the texts display them. */
  public void advertiser(String name, String contact) {
    if (name == null || contact == null || name.trim().isEmpty() || contact.trim().isEmpty()) {
      throw new IllegalArgumentException("advertiser needs a name and a contact");
    }
    this.advertiserName = name;
    this.advertiserContact = contact;
  }

  /** The recipient gave separate consent to advertising at night (21:00–08:00 KST). */
  public void nightConsent(String recipient) {
    if (recipient == null) {
      throw new IllegalArgumentException("recipient must not be null");
    }
    nightConsents.add(recipient);
  }

  /** When the send is scheduled, or {@code null} for now. */
  public void sendAt(Instant sendAt) {
    this.sendAt = sendAt;
  }

  /** Whether the send advertises. */
  public boolean isAdvertising() {
    return advertising;
  }

  /** A frozen copy. */
  public Advertising copy() {
    Advertising a = new Advertising();
    a.advertising = advertising;
    a.advertiserName = advertiserName;
    a.advertiserContact = advertiserContact;
    a.nightConsents.addAll(nightConsents);
    a.sendAt = sendAt;
    return a;
  }

  /** The recipients with night-time consent. */
  public Set<String> nightConsents() {
    return Collections.unmodifiableSet(nightConsents);
  }

  /** A batch builder with the sender and these fields set; the caller adds the messages. */
  public Batch.Builder batch(String senderNumber) {
    Batch.Builder b = new Batch.Builder().senderNumber(senderNumber).advertising(advertising);
    if (advertiserName != null) {
      b.advertiser(advertiserName, advertiserContact);
    }
    if (sendAt != null) {
      b.sendAt(sendAt);
    }
    return b;
  }

  /** A batch message for {@code to} with {@code text}, with its night consent. */
  public BatchMessage message(String to, String text) {
    return new BatchMessage(to, text, nightConsents.contains(to));
  }

  /**
   * A batch message for {@code to} with {@code text}, its night consent and, for LMS and MMS, the
   * declared {@code type} (or {@code null}), {@code subject} (or {@code null}) and {@code images}.
   *
   * @throws IllegalArgumentException the shape is not an SMS, LMS or MMS (see {@link BatchMessage})
   */
  public BatchMessage message(String to, String text, MessageType type, String subject, List<ProviderImage> images) {
    BatchMessage.Builder b = new BatchMessage.Builder().to(to).text(text).nightConsent(nightConsents.contains(to))
        .type(type).subject(subject);
    for (ProviderImage image : images) {
      b.addImage(image.image);
    }
    return b.build();
  }
}
