package io.tqc.adapters.msghub;

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
import java.util.regex.Pattern;

/**
 * One U+ 메시지허브 SMS request, {@code {callback, campaignId?, agency: {kisaOrigCode}, deptCode?, msg,
 * recvInfoLst: [{cliKey, phone}], clickUrlYn}}, with what TQC needs beside it (whether it advertises,
 * the advertiser, night-time consents). {@code agency.kisaOrigCode} is not set here: the adapter
 * stamps the certification's own code. Immutable; at most 10 recipients, as the API allows.
 *
 * <p>With a {@link Builder#title title} the request is an LMS ({@code /msg/v1/lms}), with
 * {@link Builder#addFile files} too an MMS ({@code /msg/v1/mms}): {@code title} and
 * {@code fileIdLst} (the {@code fileId}s of images registered with "이미지 사전 등록",
 * {@code POST /file/v1/mms}: mms 300KB, 1500×1420,
 * https://doc.msghub.uplus.co.kr/guide/d/04-이미지-사전등록 ) are added to the SMS members. The TQC
 * batch declares {@code LMS} or {@code MMS} with the title as subject and binds each file's digest
 * and size. The SMS section of "문자(SMS/LMS/MMS)" was checked; the LMS/MMS member names
 * {@code title} and {@code fileIdLst} follow the API's naming and were not in the index: check them
 * against the page before production use.
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
  private final String title;
  private final List<ProviderImage> files;
  private final Advertising tqc;
  private final Batch batch;

  private MessageHubSmsRequest(Builder b) {
    this.callback = Require.text(b.callback, "callback");
    this.campaignId = b.campaignId;
    this.deptCode = b.deptCode;
    this.msg = Require.text(b.msg, "msg");
    Require.count(b.recipients.size(), MAX_RECIPIENTS, "recvInfoLst");
    this.recipients = Collections.unmodifiableList(new ArrayList<>(b.recipients));
    this.title = b.title;
    if (title == null && !b.files.isEmpty()) {
      throw new IllegalArgumentException("a U+ 메시지허브 MMS needs a title");
    }
    this.files = Collections.unmodifiableList(new ArrayList<>(b.files));
    this.tqc = b.tqc.copy();
    this.batch = batch();
  }

  /** The endpoint's channel: {@code sms}, {@code lms} (a title) or {@code mms} (a title and files). */
  public String channel() {
    return title == null ? "sms" : files.isEmpty() ? "lms" : "mms";
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
    return batch;
  }

  private Batch batch() {
    MessageType type = title == null ? null : files.isEmpty() ? MessageType.LMS : MessageType.MMS;
    Batch.Builder b = tqc.batch(callback);
    for (String[] r : recipients) {
      b.addMessage(tqc.message(r[1], msg, type, title, files));
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
      JsonBody.optional(json, "title", title);
      json.name("msg").value(msg);
      if (!files.isEmpty()) {
        json.name("fileIdLst").beginArray();
        for (ProviderImage file : files) {
          json.value(file.fileId);
        }
        json.endArray();
      }
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
    private String title;
    private final List<ProviderImage> files = new ArrayList<>();
    private final Advertising tqc = new Advertising();

    /** The title ({@code title}): makes the request an LMS, or with files an MMS. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * Adds an image of an MMS: {@code fileId} as registered with U+ ("이미지 사전 등록"), and the TQC
     * reference to the same file ({@link BatchImage#ofContent} of the registered bytes).
     */
    public Builder addFile(String fileId, BatchImage image) {
      files.add(new ProviderImage(fileId, image));
      return this;
    }

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

    /** The text ({@code msg}: at most 90 bytes for an SMS, 2,000 for an LMS/MMS). */
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
