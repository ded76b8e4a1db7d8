package io.tqc.adapters.sens;

import io.tqc.adapters.internal.Advertising;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.Require;
import io.tqc.api.batch.Batch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SENS SMS v2 send request, {@code {type, contentType, countryCode?, from, subject?, content,
 * messages: [{to, subject?, content?}]}}, with what TQC needs beside it (advertiser, night-time
 * consents). {@code contentType} is {@code AD} for an advertising send and {@code COMM} otherwise.
 * Immutable; at most 100 messages; types {@code SMS} and {@code LMS} (MMS needs file uploads, not
 * supported here).
 */
public final class SensSmsRequest {
  /** SENS's limit on {@code messages}. */
  public static final int MAX_MESSAGES = 100;

  /** The message type. */
  public enum Type {
    /** Up to 90 bytes. */
    SMS,
    /** Up to 2,000 bytes, with a subject. */
    LMS
  }

  private final Type type;
  private final String countryCode;
  private final String from;
  private final String subject;
  private final String content;
  private final List<String[]> messages;
  private final Advertising tqc;

  private SensSmsRequest(Builder b) {
    this.type = Require.present(b.type, "type");
    this.countryCode = b.countryCode;
    this.from = Require.text(b.from, "from");
    this.subject = b.subject;
    this.content = Require.text(b.content, "content");
    Require.count(b.messages.size(), MAX_MESSAGES, "messages");
    this.messages = Collections.unmodifiableList(new ArrayList<>(b.messages));
    this.tqc = b.tqc.copy();
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

  /** The TQC batch: one message per entry, with its own content or the default one. */
  Batch toBatch() {
    Batch.Builder b = tqc.batch(from);
    for (String[] m : messages) {
      b.addMessage(tqc.message(m[0], m[2] != null ? m[2] : content));
    }
    return b.build();
  }

  /** The request body as sent (SENS has no documented first-sender code member: none is written). */
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
    private final Advertising tqc = new Advertising();

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
     * @throws IllegalArgumentException a field is missing, or there are no or more than 100 messages
     */
    public SensSmsRequest build() {
      return new SensSmsRequest(this);
    }
  }
}
