package io.tqc.adapters.msghub;

import io.tqc.adapters.internal.Advertising;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.Require;
import io.tqc.api.batch.Batch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One U+ 메시지허브 SMS request, {@code {callback, campaignId?, agency: {kisaOrigCode}, deptCode?, msg,
 * recvInfoLst: [{cliKey, phone}], clickUrlYn}}, with what TQC needs beside it (whether it advertises,
 * the advertiser, night-time consents). {@code agency.kisaOrigCode} is not set here: the adapter
 * stamps the certification's own code. Immutable; at most 10 recipients, as the API allows.
 */
public final class MessageHubSmsRequest {
  /** The API's limit on {@code recvInfoLst}. */
  public static final int MAX_RECIPIENTS = 10;
  private static final Pattern CLI_KEY = Pattern.compile("[a-zA-Z0-9._@-]{1,30}");

  private final String callback;
  private final String campaignId;
  private final String deptCode;
  private final String msg;
  private final List<String[]> recipients;
  private final Advertising tqc;

  private MessageHubSmsRequest(Builder b) {
    this.callback = Require.text(b.callback, "callback");
    this.campaignId = b.campaignId;
    this.deptCode = b.deptCode;
    this.msg = Require.text(b.msg, "msg");
    Require.count(b.recipients.size(), MAX_RECIPIENTS, "recvInfoLst");
    this.recipients = Collections.unmodifiableList(new ArrayList<>(b.recipients));
    this.tqc = b.tqc.copy();
  }

  /** The sender number ({@code callback}). */
  public String callback() {
    return callback;
  }

  /** Whether the send advertises. */
  public boolean isAdvertising() {
    return tqc.isAdvertising();
  }

  Batch toBatch() {
    Batch.Builder b = tqc.batch(callback);
    for (String[] r : recipients) {
      b.addMessage(tqc.message(r[1], msg));
    }
    return b.build();
  }

  byte[] toJson(String originCode) {
    return JsonBody.write(json -> {
      json.beginObject();
      json.name("callback").value(callback);
      JsonBody.optional(json, "campaignId", campaignId);
      if (originCode != null) {
        json.name("agency").beginObject().name("kisaOrigCode").value(originCode).endObject();
      }
      JsonBody.optional(json, "deptCode", deptCode);
      json.name("msg").value(msg);
      json.name("recvInfoLst").beginArray();
      for (String[] r : recipients) {
        json.beginObject().name("cliKey").value(r[0]).name("phone").value(r[1]).endObject();
      }
      json.endArray();
      json.name("clickUrlYn").value("N");
      json.endObject();
    });
  }

  /** Builds a {@link MessageHubSmsRequest}. */
  public static final class Builder {
    private String callback;
    private String campaignId;
    private String deptCode;
    private String msg;
    private final List<String[]> recipients = new ArrayList<>();
    private final Advertising tqc = new Advertising();

    /** The sender number ({@code callback}), pre-registered with U+ and with the relay. */
    public Builder callback(String callback) {
      this.callback = callback;
      return this;
    }

    /** The campaign id. */
    public Builder campaignId(String campaignId) {
      this.campaignId = campaignId;
      return this;
    }

    /** The department code. */
    public Builder deptCode(String deptCode) {
      this.deptCode = deptCode;
      return this;
    }

    /** The text ({@code msg}, at most 90 bytes on this SMS endpoint). */
    public Builder msg(String msg) {
      this.msg = msg;
      return this;
    }

    /**
     * Adds a recipient: {@code cliKey} is your own unique key for the message (1-30 of
     * {@code a-zA-Z0-9-_.@}), {@code phone} the number.
     */
    public Builder addRecipient(String cliKey, String phone) {
      if (cliKey == null || !CLI_KEY.matcher(cliKey).matches()) {
        throw new IllegalArgumentException("cliKey must be 1-30 characters of a-z A-Z 0-9 - _ . @");
      }
      recipients.add(new String[] {cliKey, Require.text(phone, "phone")});
      return this;
    }

    /** Whether the send advertises (default true): certified, or only checked. */
    public Builder advertising(boolean advertising) {
      tqc.advertising(advertising);
      return this;
    }

    /** The advertiser's name and contact the text displays (TQC only). */
    public Builder advertiser(String name, String contact) {
      tqc.advertiser(name, contact);
      return this;
    }

    /** {@code phone} consented separately to advertising at night (TQC only). */
    public Builder nightConsent(String phone) {
      tqc.nightConsent(phone);
      return this;
    }

    /** The time the send is for, if not now (TQC only). */
    public Builder sendAt(Instant sendAt) {
      tqc.sendAt(sendAt);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException a field is missing, or there are no or more than 10 recipients
     */
    public MessageHubSmsRequest build() {
      return new MessageHubSmsRequest(this);
    }
  }
}
