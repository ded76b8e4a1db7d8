package io.tqc.adapters.nhn;

import io.tqc.adapters.internal.Advertising;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.Require;
import io.tqc.api.batch.Batch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One NHN Cloud SMS v3.0 send request, {@code {body, sendNo, recipientList: [{recipientNo}], originCode}},
 * with what TQC needs beside it (advertiser, night-time consents). Advertising requests go to
 * {@code /sender/ad-sms}, others to {@code /sender/sms}. {@code originCode} is not set here: the
 * adapter stamps the certification's own code. Immutable; at most 1,000 recipients.
 */
public final class NhnSmsRequest {
  /** NHN Cloud's limit on {@code recipientList}. */
  public static final int MAX_RECIPIENTS = 1000;

  private final String body;
  private final String sendNo;
  private final List<String> recipients;
  private final Advertising tqc;

  private NhnSmsRequest(Builder b) {
    this.body = Require.text(b.body, "body");
    this.sendNo = Require.text(b.sendNo, "sendNo");
    Require.count(b.recipients.size(), MAX_RECIPIENTS, "recipientList");
    this.recipients = Collections.unmodifiableList(new ArrayList<>(b.recipients));
    this.tqc = b.tqc.copy();
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
    Batch.Builder b = tqc.batch(sendNo);
    for (String to : recipients) {
      b.addMessage(tqc.message(to, body));
    }
    return b.build();
  }

  /** The request body as sent, with {@code originCode} when it is not null. */
  byte[] toJson(String originCode) {
    return JsonBody.write(json -> {
      json.beginObject();
      json.name("body").value(body);
      json.name("sendNo").value(sendNo);
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
    private final Advertising tqc = new Advertising();

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
     * @throws IllegalArgumentException a field is missing, or there are no or more than 1,000 recipients
     */
    public NhnSmsRequest build() {
      return new NhnSmsRequest(this);
    }
  }
}
