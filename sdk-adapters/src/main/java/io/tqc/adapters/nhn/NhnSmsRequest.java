package io.tqc.adapters.nhn;

import io.tqc.adapters.internal.Advertising;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.ProviderImage;
import io.tqc.adapters.internal.Require;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchImage;
import io.tqc.api.batch.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One NHN Cloud SMS v3.0 send request, {@code {body, sendNo, recipientList: [{recipientNo}], originCode}},
 * or with a {@link Builder#title title} and {@link Builder#addAttachment attachments} an LMS/MMS
 * request {@code {title, body, sendNo, attachFileIdList?: [id], recipientList, originCode}}, with what
 * TQC needs beside it (advertiser, night-time consents, and each attachment's digest and size).
 * Advertising requests go to {@code /sender/ad-sms} or {@code /sender/ad-mms}, others to
 * {@code /sender/sms} or {@code /sender/mms}. {@code originCode} is not set here: the adapter stamps
 * the certification's own code. Immutable; at most 1,000 recipients.
 *
 * <p>The TQC batch of an MMS request declares type {@code MMS} with the title as subject and one
 * image per attachment (type {@code LMS} with a title and no attachment), so the proof binds the
 * digests of the files whose ids the request names. {@code attachFileIdList} holds the integer ids
 * NHN Cloud's attachment upload returns; title 40 and body 2,000 EUC-KR bytes are the guide's
 * limits ("MMS 제목 40바이트, MMS 본문 2,000바이트").
 */
public final class NhnSmsRequest {
  /** NHN Cloud's limit on {@code recipientList}. */
  public static final int MAX_RECIPIENTS = 1000;

  private final String body;
  private final String sendNo;
  private final List<String> recipients;
  private final String title;
  private final List<ProviderImage> attachments;
  private final Advertising tqc;
  private final Batch batch;

  private NhnSmsRequest(Builder b) {
    this.body = Require.text(b.body, "body");
    this.sendNo = Require.text(b.sendNo, "sendNo");
    Require.count(b.recipients.size(), MAX_RECIPIENTS, "recipientList");
    this.recipients = Collections.unmodifiableList(new ArrayList<>(b.recipients));
    this.title = b.title;
    if (title == null && !b.attachments.isEmpty()) {
      throw new IllegalArgumentException("an NHN Cloud MMS needs a title");
    }
    this.attachments = Collections.unmodifiableList(new ArrayList<>(b.attachments));
    this.tqc = b.tqc.copy();
    this.batch = batch();
  }

  /** True for an LMS/MMS request ({@code /sender/mms} or {@code /sender/ad-mms}): it has a title. */
  public boolean isMms() {
    return title != null;
  }

  /** The title of an LMS/MMS, or {@code null}. */
  public String title() {
    return title;
  }

  /** The message text. */
  public String body() {
    return body;
  }

  /** The registered sender number. */
  public String sendNo() {
    return sendNo;
  }

  /** The recipients' numbers. */
  public List<String> recipients() {
    return recipients;
  }

  /** Whether this is an advertising send ({@code /sender/ad-sms}). */
  public boolean isAdvertising() {
    return tqc.isAdvertising();
  }

  /** The TQC batch this request is: the sender, one message per recipient, the advertiser. */
  Batch toBatch() {
    return batch;
  }

  private Batch batch() {
    MessageType type = title == null ? null : attachments.isEmpty() ? MessageType.LMS : MessageType.MMS;
    Batch.Builder b = tqc.batch(sendNo);
    for (String to : recipients) {
      b.addMessage(tqc.message(to, body, type, title, attachments));
    }
    return b.build();
  }

  /** The request body as sent, with {@code originCode} when it is not null. */
  byte[] toJson(String originCode) {
    return JsonBody.write(json -> {
      json.beginObject();
      JsonBody.optional(json, "title", title);
      json.name("body").value(body);
      json.name("sendNo").value(sendNo);
      if (!attachments.isEmpty()) {
        json.name("attachFileIdList").beginArray();
        for (ProviderImage attachment : attachments) {
          json.value(Long.parseLong(attachment.fileId));
        }
        json.endArray();
      }
      json.name("recipientList").beginArray();
      for (String to : recipients) {
        json.beginObject().name("recipientNo").value(to).endObject();
      }
      json.endArray();
      JsonBody.optional(json, "originCode", originCode);
      json.endObject();
    });
  }

  /** Builds an {@link NhnSmsRequest}. */
  public static final class Builder {
    private String body;
    private String sendNo;
    private final List<String> recipients = new ArrayList<>();
    private final List<ProviderImage> attachments = new ArrayList<>();
    private String title;
    private final Advertising tqc = new Advertising();

    /** The title ({@code title}): makes the request an LMS, or with attachments an MMS. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * Adds an image: {@code attachFileId} as NHN Cloud's attachment upload returned it, and the TQC
     * reference to the same file ({@link BatchImage#ofContent} of the uploaded bytes).
     */
    public Builder addAttachment(long attachFileId, BatchImage image) {
      attachments.add(new ProviderImage(Long.toString(attachFileId), image));
      return this;
    }

    /** The message text ({@code body}); an advertising text carries (광고), the advertiser and the free opt-out. */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** The sender number ({@code sendNo}), pre-registered with NHN Cloud and with the relay. */
    public Builder sendNo(String sendNo) {
      this.sendNo = sendNo;
      return this;
    }

    /** Adds a recipient ({@code recipientList[].recipientNo}). */
    public Builder addRecipient(String recipientNo) {
      recipients.add(Require.text(recipientNo, "recipientNo"));
      return this;
    }

    /** Whether the send advertises (default true): {@code ad-sms} and certified, or {@code sms} and only checked. */
    public Builder advertising(boolean advertising) {
      tqc.advertising(advertising);
      return this;
    }

    /** The advertiser's name and contact the text displays (TQC only; checked, not sent). */
    public Builder advertiser(String name, String contact) {
      tqc.advertiser(name, contact);
      return this;
    }

    /** {@code recipientNo} consented separately to advertising at night (TQC only; checked, not sent). */
    public Builder nightConsent(String recipientNo) {
      tqc.nightConsent(recipientNo);
      return this;
    }

    /** The time the send is for, if not now (TQC only: the night-time rule is checked at that time). */
    public Builder sendAt(Instant sendAt) {
      tqc.sendAt(sendAt);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException a field is missing, there are no or more than 1,000 recipients,
     *     or attachments without a title
     */
    public NhnSmsRequest build() {
      return new NhnSmsRequest(this);
    }
  }
}
