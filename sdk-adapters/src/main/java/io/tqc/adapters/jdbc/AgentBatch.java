package io.tqc.adapters.jdbc;

import io.tqc.adapters.internal.Advertising;
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
 * Messages to write into a DB agent's table: one sender number, and one row per recipient with its
 * text; with what TQC needs beside them (whether they advertise, the advertiser, night-time consents,
 * the send time). Immutable; at most 10,000 messages per batch.
 *
 * <p>An LMS/MMS batch has a {@link Builder#subject subject} and, for MMS, {@link Builder#addImage
 * images}: each with the file reference the agent reads (a path, say) and the TQC reference to the
 * same file (digest and size), so the certified TQC document the writer keeps as evidence binds the
 * images. The table needs a subject column and enough image columns ({@link AgentTable.Builder}).
 */
public final class AgentBatch {
  /** The most messages one batch may hold (one transaction). */
  public static final int MAX_MESSAGES = 10_000;

  private final String sender;
  private final List<String[]> messages;
  private final Advertising tqc;
  private final Instant sendAt;
  private final String subject;
  private final List<ProviderImage> images;
  private final Batch batch;

  private AgentBatch(Builder b) {
    this.sender = Require.text(b.sender, "sender");
    Require.count(b.messages.size(), MAX_MESSAGES, "messages");
    this.messages = Collections.unmodifiableList(new ArrayList<>(b.messages));
    this.tqc = b.tqc.copy();
    this.sendAt = b.sendAt;
    this.subject = b.subject;
    this.images = Collections.unmodifiableList(new ArrayList<>(b.images));
    this.batch = batch();
  }

  /** The subject of an LMS/MMS batch, or {@code null}. */
  public String subject() {
    return subject;
  }

  /** The file references of the images, in order; empty for none. */
  public List<String> imageReferences() {
    List<String> references = new ArrayList<>(images.size());
    for (ProviderImage image : images) {
      references.add(image.fileId);
    }
    return Collections.unmodifiableList(references);
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
    return batch;
  }

  private Batch batch() {
    MessageType type = !images.isEmpty() ? MessageType.MMS : subject != null ? MessageType.LMS : null;
    Batch.Builder b = tqc.batch(sender);
    for (String[] m : messages) {
      b.addMessage(tqc.message(m[0], m[1], type, subject, images));
    }
    return b.build();
  }

  /** Builds an {@link AgentBatch}. */
  public static final class Builder {
    private String sender;
    private final List<String[]> messages = new ArrayList<>();
    private final Advertising tqc = new Advertising();
    private Instant sendAt;
    private String subject;
    private final List<ProviderImage> images = new ArrayList<>();

    /** The subject of every message (an LMS, or with images an MMS). */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /**
     * Adds an image of every message: {@code fileReference} as the agent's image column takes it (a
     * file path the agent reads, say), and the TQC reference to the same file.
     */
    public Builder addImage(String fileReference, BatchImage image) {
      images.add(new ProviderImage(fileReference, image));
      return this;
    }

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
     * @throws IllegalArgumentException the sender is missing, there are no or too many messages, or
     *     images without a subject
     */
    public AgentBatch build() {
      return new AgentBatch(this);
    }
  }
}
