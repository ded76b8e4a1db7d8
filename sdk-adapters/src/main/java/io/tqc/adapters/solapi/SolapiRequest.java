package io.tqc.adapters.solapi;

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
 * One SOLAPI {@code send-many} request, {@code {messages: [{to, from, text, type?, subject?, imageId?}]}}, with what
 * TQC needs beside it (whether it advertises, the advertiser, night-time consents: SOLAPI has no
 * fields for them). One certified batch has one sender number, so every message has the request's
 * {@code from}. Immutable; at most 10,000 messages.
 *
 * <p>MMS: {@code type: "MMS"} with one {@link Builder#image image} per message ({@code imageId} from
 * SOLAPI's storage upload, type {@code MMS}: jpg, at most 200 KB and 1500×1440; subject 한글 20자 /
 * 영문 40자, text 2,000 bytes): the TQC batch declares {@code MMS} and binds the image's digest and
 * size. A declared {@code type} must be {@code SMS}, {@code LMS} or {@code MMS} (other SOLAPI types,
 * Kakao and the like, are not text-message batches). Sources: "그룹 메시지 추가" (message members
 * {@code type, subject, imageId}), https://docs.solapi.com/api-reference/messages/groups/addgroupmessages ;
 * "여러건의 메시지 발송" (SMS/LMS/MMS), https://developers.solapi.com/references/messages/sendManyDetail ;
 * "파일 업로드", https://solapi.com/developers/api/postStorage .
 */
public final class SolapiRequest {
  /** The most messages one request may hold (SOLAPI's limit on recipients per request). */
  public static final int MAX_MESSAGES = 10_000;

  private final String from;
  private final String type;
  private final String subject;
  private final List<String[]> messages;
  private final ProviderImage image;
  private final Advertising tqc;
  private final Batch batch;

  private SolapiRequest(Builder b) {
    this.from = Require.text(b.from, "from");
    this.type = b.type;
    this.subject = b.subject;
    Require.count(b.messages.size(), MAX_MESSAGES, "messages");
    this.messages = Collections.unmodifiableList(new ArrayList<>(b.messages));
    this.image = b.image;
    if (type != null && MessageType.fromWireName(type) == null) {
      throw new IllegalArgumentException("type must be SMS, LMS or MMS for a text-message batch, not " + type);
    }
    this.tqc = b.tqc.copy();
    this.batch = batch();
  }

  /** The sender number of every message. */
  public String from() {
    return from;
  }

  /** The number of messages. */
  public int messageCount() {
    return messages.size();
  }

  /** Whether the send advertises. */
  public boolean isAdvertising() {
    return tqc.isAdvertising();
  }

  Batch toBatch() {
    return batch;
  }

  private Batch batch() {
    MessageType declared = type == null ? null : MessageType.fromWireName(type);
    List<ProviderImage> images = image == null ? Collections.<ProviderImage>emptyList() : Collections.singletonList(image);
    Batch.Builder b = tqc.batch(from);
    for (String[] m : messages) {
      b.addMessage(tqc.message(m[0], m[1], declared, subject, images));
    }
    return b.build();
  }

  /** The request body as sent (SOLAPI documents no first-sender code member: none is written). */
  byte[] toJson() {
    return JsonBody.write(json -> {
      json.beginObject().name("messages").beginArray();
      for (String[] m : messages) {
        json.beginObject();
        json.name("to").value(m[0]);
        json.name("from").value(from);
        json.name("text").value(m[1]);
        JsonBody.optional(json, "type", type);
        JsonBody.optional(json, "subject", subject);
        JsonBody.optional(json, "imageId", image == null ? null : image.fileId);
        json.endObject();
      }
      json.endArray().endObject();
    });
  }

  /** Builds a {@link SolapiRequest}. */
  public static final class Builder {
    private String from;
    private String type;
    private String subject;
    private final List<String[]> messages = new ArrayList<>();
    private ProviderImage image;
    private final Advertising tqc = new Advertising();

    /**
     * The image of an MMS (SOLAPI takes one per message): {@code imageId} as SOLAPI's storage upload
     * answered it ({@code fileId}), and the TQC reference to the same file. Set {@code type("MMS")}.
     */
    public Builder image(String imageId, BatchImage image) {
      this.image = new ProviderImage(imageId, image);
      return this;
    }

    /** The sender number ({@code from}) of every message, registered with SOLAPI and the relay. */
    public Builder from(String from) {
      this.from = from;
      return this;
    }

    /** The message type ({@code SMS}, {@code LMS}, {@code MMS}; default: SOLAPI detects it). */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** The subject (LMS). */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** Adds a message with its text. */
    public Builder addMessage(String to, String text) {
      messages.add(new String[] {Require.text(to, "messages[].to"), Require.text(text, "messages[].text")});
      return this;
    }

    /** Whether the send advertises (default true): certified, or only checked. */
    public Builder advertising(boolean advertising) {
      tqc.advertising(advertising);
      return this;
    }

    /** The advertiser's name and contact the texts display (TQC only). */
    public Builder advertiser(String name, String contact) {
      tqc.advertiser(name, contact);
      return this;
    }

    /** {@code to} consented separately to advertising at night (TQC only). */
    public Builder nightConsent(String to) {
      tqc.nightConsent(to);
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
     * @throws IllegalArgumentException a field is missing, there are no or more than 10,000 messages,
     *     the type is not SMS/LMS/MMS, or the shape is not one (an image without type MMS, say)
     */
    public SolapiRequest build() {
      return new SolapiRequest(this);
    }
  }
}
