package io.tqc.adapters.sens;

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
 * One SENS SMS v2 send request, {@code {type, contentType, countryCode?, from, subject?, content,
 * messages: [{to, subject?, content?}], files?: [{fileId}]}}, with what TQC needs beside it
 * (advertiser, night-time consents, each file's digest and size). {@code contentType} is {@code AD}
 * for an advertising send and {@code COMM} otherwise. Immutable; at most 100 messages.
 *
 * <p>The TQC batch declares the request's {@code type} for every message, with the message's (or
 * the default) subject, and for {@code MMS} one image per {@link Builder#addFile file}, so the proof
 * binds the digests of the files whose ids the request names. SENS sends an {@code MMS} without
 * files as an LMS; TQC refuses that shape (declare {@code LMS}). Source: "메시지 발송"
 * (https://api.ncloud-docs.com/docs/sens-sms-send : subject 0–40 bytes, LMS and MMS only; content
 * SMS 0–90, LMS/MMS 0–2,000 bytes, EUC-KR; {@code files} MMS only) and "첨부 파일 업로드"
 * (https://api.ncloud-docs.com/docs/sens-sms-attachment-create : jpg/jpeg, 0–300 Kbyte, at most
 * 1500×1440, answers {@code fileId}).
 */
public final class SensSmsRequest {
  /** SENS's limit on {@code messages}. */
  public static final int MAX_MESSAGES = 100;

  /** The message type. */
  public enum Type {
    /** Up to 90 bytes. */
    SMS,
    /** Up to 2,000 bytes, with a subject. */
    LMS,
    /** Up to 2,000 bytes, with a subject and files ({@link Builder#addFile}). */
    MMS
  }

  private final Type type;
  private final String countryCode;
  private final String from;
  private final String subject;
  private final String content;
  private final List<String[]> messages;
  private final List<ProviderImage> files;
  private final Advertising tqc;
  private final Batch batch;

  private SensSmsRequest(Builder b) {
    this.type = Require.present(b.type, "type");
    this.countryCode = b.countryCode;
    this.from = Require.text(b.from, "from");
    this.subject = b.subject;
    this.content = Require.text(b.content, "content");
    Require.count(b.messages.size(), MAX_MESSAGES, "messages");
    this.messages = Collections.unmodifiableList(new ArrayList<>(b.messages));
    this.files = Collections.unmodifiableList(new ArrayList<>(b.files));
    this.tqc = b.tqc.copy();
    this.batch = batch();
  }

  /** The message type. */
  public Type type() {
    return type;
  }

  /** The sender number ({@code from}). */
  public String from() {
    return from;
  }

  /** Whether this is an advertising send ({@code contentType: AD}). */
  public boolean isAdvertising() {
    return tqc.isAdvertising();
  }

  /** The number of messages. */
  public int messageCount() {
    return messages.size();
  }

  /** The TQC batch: one message per entry, with its own content and subject or the default ones. */
  Batch toBatch() {
    return batch;
  }

  private Batch batch() {
    MessageType declared = MessageType.valueOf(type.name());
    Batch.Builder b = tqc.batch(from);
    for (String[] m : messages) {
      b.addMessage(tqc.message(m[0], m[2] != null ? m[2] : content, declared, m[1] != null ? m[1] : subject, files));
    }
    return b.build();
  }

  /**
   * The request body as sent. SENS documents no first-sender identification code member (the
   * request members are {@code type, contentType, countryCode, from, subject, content, messages,
   * files, reserveTime, reserveTimeZone}): none is written.
   */
  byte[] toJson() {
    return JsonBody.write(json -> {
      json.beginObject();
      json.name("type").value(type.name());
      json.name("contentType").value(tqc.isAdvertising() ? "AD" : "COMM");
      JsonBody.optional(json, "countryCode", countryCode);
      json.name("from").value(from);
      JsonBody.optional(json, "subject", subject);
      json.name("content").value(content);
      json.name("messages").beginArray();
      for (String[] m : messages) {
        json.beginObject().name("to").value(m[0]);
        JsonBody.optional(json, "subject", m[1]);
        JsonBody.optional(json, "content", m[2]);
        json.endObject();
      }
      json.endArray();
      if (!files.isEmpty()) {
        json.name("files").beginArray();
        for (ProviderImage file : files) {
          json.beginObject().name("fileId").value(file.fileId).endObject();
        }
        json.endArray();
      }
      json.endObject();
    });
  }

  /** Builds a {@link SensSmsRequest}. */
  public static final class Builder {
    private Type type = Type.SMS;
    private String countryCode;
    private String from;
    private String subject;
    private String content;
    private final List<String[]> messages = new ArrayList<>();
    private final List<ProviderImage> files = new ArrayList<>();
    private final Advertising tqc = new Advertising();

    /**
     * Adds a file of an {@code MMS}: {@code fileId} as SENS's attachment upload answered it, and the
     * TQC reference to the same file ({@link BatchImage#ofContent} of the uploaded bytes).
     */
    public Builder addFile(String fileId, BatchImage image) {
      files.add(new ProviderImage(fileId, image));
      return this;
    }

    /** The message type (default SMS). */
    public Builder type(Type type) {
      this.type = type;
      return this;
    }

    /** The country code (SENS's default: 82). */
    public Builder countryCode(String countryCode) {
      this.countryCode = countryCode;
      return this;
    }

    /** The sender number ({@code from}), registered with SENS and with the relay. */
    public Builder from(String from) {
      this.from = from;
      return this;
    }

    /** The default subject (LMS). */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** The default content, sent to every message without its own. */
    public Builder content(String content) {
      this.content = content;
      return this;
    }

    /** Adds a message to {@code to} with the default content. */
    public Builder addMessage(String to) {
      return addMessage(to, null, null);
    }

    /** Adds a message to {@code to} with its own subject and content (each may be null: the default). */
    public Builder addMessage(String to, String subject, String content) {
      messages.add(new String[] {Require.text(to, "messages[].to"), subject, content});
      return this;
    }

    /** Whether the send advertises (default true): {@code contentType} AD and certified, or COMM and only checked. */
    public Builder advertising(boolean advertising) {
      tqc.advertising(advertising);
      return this;
    }

    /** The advertiser's name and contact the text displays (TQC only; checked, not sent). */
    public Builder advertiser(String name, String contact) {
      tqc.advertiser(name, contact);
      return this;
    }

    /** {@code to} consented separately to advertising at night (TQC only; checked, not sent). */
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
     * @throws IllegalArgumentException a field is missing, there are no or more than 100 messages, a
     *     subject on an SMS, files on an SMS/LMS, or an MMS without files
     */
    public SensSmsRequest build() {
      return new SensSmsRequest(this);
    }
  }
}
