package io.tqc.adapters.solapi;

import io.tqc.adapters.internal.Advertising;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.Require;
import io.tqc.api.batch.Batch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SOLAPI {@code send-many} request, {@code {messages: [{to, from, text, type?, subject?}]}}, with what
 * TQC needs beside it (whether it advertises, the advertiser, night-time consents: SOLAPI has no
 * fields for them). One certified batch has one sender number, so every message has the request's
 * {@code from}. Immutable; at most 10,000 messages.
 */
public final class SolapiRequest {
  /** The most messages one request may hold (SOLAPI's limit on recipients per request). */
  public static final int MAX_MESSAGES = 10_000;

  private final String from;
  private final String type;
  private final String subject;
  private final List<String[]> messages;
  private final Advertising tqc;

  private SolapiRequest(Builder b) {
    this.from = Require.text(b.from, "from");
    this.type = b.type;
    this.subject = b.subject;
    Require.count(b.messages.size(), MAX_MESSAGES, "messages");
    this.messages = Collections.unmodifiableList(new ArrayList<>(b.messages));
    this.tqc = b.tqc.copy();
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
    Batch.Builder b = tqc.batch(from);
    for (String[] m : messages) {
      b.addMessage(tqc.message(m[0], m[1]));
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
    private final Advertising tqc = new Advertising();

    /** The sender number ({@code from}) of every message, registered with SOLAPI and the relay. */
    public Builder from(String from) {
      this.from = from;
      return this;
    }

    /** The message type ({@code SMS}, {@code LMS}; default: SOLAPI detects it). */
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
     * @throws IllegalArgumentException a field is missing, or there are no or more than 10,000 messages
     */
    public SolapiRequest build() {
      return new SolapiRequest(this);
    }
  }
}
