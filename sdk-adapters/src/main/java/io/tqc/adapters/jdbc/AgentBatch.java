package io.tqc.adapters.jdbc;

import io.tqc.adapters.internal.Advertising;
import io.tqc.adapters.internal.Require;
import io.tqc.api.batch.Batch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Messages to write into a DB agent's table: one sender number, and one row per recipient with its
 * text; with what TQC needs beside them (whether they advertise, the advertiser, night-time consents,
 * the send time). Immutable; at most 10,000 messages per batch.
 */
public final class AgentBatch {
  /** The most messages one batch may hold (one transaction). */
  public static final int MAX_MESSAGES = 10_000;

  private final String sender;
  private final List<String[]> messages;
  private final Advertising tqc;
  private final Instant sendAt;

  private AgentBatch(Builder b) {
    this.sender = Require.text(b.sender, "sender");
    Require.count(b.messages.size(), MAX_MESSAGES, "messages");
    this.messages = Collections.unmodifiableList(new ArrayList<>(b.messages));
    this.tqc = b.tqc.copy();
    this.sendAt = b.sendAt;
  }

  /** The sender number. */
  public String sender() {
    return sender;
  }

  /** The number of messages. */
  public int messageCount() {
    return messages.size();
  }

  /** The send time, or {@code null} for now. */
  public Instant sendAt() {
    return sendAt;
  }

  List<String[]> messages() {
    return messages;
  }

  Batch toBatch() {
    Batch.Builder b = tqc.batch(sender);
    for (String[] m : messages) {
      b.addMessage(tqc.message(m[0], m[1]));
    }
    return b.build();
  }

  /** Builds an {@link AgentBatch}. */
  public static final class Builder {
    private String sender;
    private final List<String[]> messages = new ArrayList<>();
    private final Advertising tqc = new Advertising();
    private Instant sendAt;

    /** The sender (callback) number, registered with the relay. */
    public Builder sender(String sender) {
      this.sender = sender;
      return this;
    }

    /** Adds a message (one row). */
    public Builder addMessage(String to, String text) {
      messages.add(new String[] {Require.text(to, "to"), Require.text(text, "text")});
      return this;
    }

    /** Whether the messages advertise (default true): certified, or only checked. */
    public Builder advertising(boolean advertising) {
      tqc.advertising(advertising);
      return this;
    }

    /** The advertiser's name and contact the texts display. */
    public Builder advertiser(String name, String contact) {
      tqc.advertiser(name, contact);
      return this;
    }

    /** {@code to} consented separately to advertising at night. */
    public Builder nightConsent(String to) {
      tqc.nightConsent(to);
      return this;
    }

    /** When the agent should send (written to the send-time column and checked against the night rule). */
    public Builder sendAt(Instant sendAt) {
      this.sendAt = sendAt;
      tqc.sendAt(sendAt);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException the sender is missing, or there are no or too many messages
     */
    public AgentBatch build() {
      return new AgentBatch(this);
    }
  }
}
