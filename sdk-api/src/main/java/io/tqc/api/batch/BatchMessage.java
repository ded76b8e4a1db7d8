package io.tqc.api.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One text message of a batch: recipient, text, the recipient's night-time consent and, for LMS and
 * MMS, an optional declared {@link MessageType}, subject and images. Immutable; build a message
 * with a subject or images with {@link Builder}.
 *
 * <p>The shape is checked once, when the message is built: a subject needs a declared type
 * {@link MessageType#LMS LMS} or {@link MessageType#MMS MMS}, images need {@code MMS}, and an
 * {@code MMS} has at least one image. How long the subject and text may be and how many and how
 * large the images may be are compliance rules ({@code text_too_long}, {@code subject_too_long},
 * {@code mms_too_many_images}, {@code mms_image_too_large}), not shape.
 */
public final class BatchMessage {
  private final String to;
  private final String text;
  private final boolean nightConsent;
  private final MessageType type;
  private final String subject;
  private final List<BatchImage> images;

  /** A message to {@code to} with {@code text}; {@code nightConsent} records separate night-time consent. */
  public BatchMessage(String to, String text, boolean nightConsent) {
    this(to, text, nightConsent, null, null, Collections.<BatchImage>emptyList());
  }

  /** A message without night-time consent. */
  public BatchMessage(String to, String text) {
    this(to, text, false);
  }

  /** {@code images} is owned (unmodifiable or empty); the one place the shape is checked. */
  private BatchMessage(String to, String text, boolean nightConsent, MessageType type, String subject,
      List<BatchImage> images) {
    if (to == null) {
      throw new IllegalArgumentException("\"to\" is required");
    }
    if (text == null) {
      throw new IllegalArgumentException("\"text\" is required");
    }
    if (subject != null && (type == null || type == MessageType.SMS)) {
      throw new IllegalArgumentException("\"subject\" needs \"type\" LMS or MMS"
          + (type == null ? " (none declared)" : ", not SMS"));
    }
    if (!images.isEmpty() && type != MessageType.MMS) {
      throw new IllegalArgumentException("\"images\" need \"type\" MMS"
          + (type == null ? " (none declared)" : ", not " + type.wireName()));
    }
    if (type == MessageType.MMS && images.isEmpty()) {
      throw new IllegalArgumentException("\"type\" MMS needs at least one image in \"images\" (without images it is an LMS)");
    }
    this.to = to;
    this.text = text;
    this.nightConsent = nightConsent;
    this.type = type;
    this.subject = subject;
    this.images = images;
  }

  /** For the parser: one object per message; {@code images} is null or a fresh list it hands over. */
  static BatchMessage of(String to, String text, boolean nightConsent, MessageType type, String subject,
      List<BatchImage> images) {
    return new BatchMessage(to, text, nightConsent, type, subject,
        images == null || images.isEmpty() ? Collections.<BatchImage>emptyList() : Collections.unmodifiableList(images));
  }

  /** The recipient number as given. */
  public String to() {
    return to;
  }

  /** The message text. */
  public String text() {
    return text;
  }

  /** True if the recipient separately consented to night-time (21:00–08:00 KST) advertising. */
  public boolean nightConsent() {
    return nightConsent;
  }

  /** The declared type, or {@code null} when none is declared (sized by the text: SMS or LMS). */
  public MessageType type() {
    return type;
  }

  /** The subject (제목) of an LMS or MMS, or {@code null}. */
  public String subject() {
    return subject;
  }

  /** The images of an MMS, in order; empty for other messages. */
  public List<BatchImage> images() {
    return images;
  }

  /** A builder starting from this message. */
  public Builder newBuilder() {
    Builder b = new Builder().to(to).text(text).nightConsent(nightConsent).type(type).subject(subject);
    b.images.addAll(images);
    return b;
  }

  @Override
  public String toString() {
    return "BatchMessage{" + (type != null ? type.wireName() + ", " : "") + "to=" + to + ", " + text.length()
        + " chars" + (subject != null ? ", subject" : "") + (images.isEmpty() ? "" : ", " + images.size() + " images")
        + "}";
  }

  /** Builds a {@link BatchMessage}; {@code to} and {@code text} are required. */
  public static final class Builder {
    private String to;
    private String text;
    private boolean nightConsent;
    private MessageType type;
    private String subject;
    private final List<BatchImage> images = new ArrayList<>();

    /** The recipient's number (dashes and spaces allowed). */
    public Builder to(String to) {
      this.to = to;
      return this;
    }

    /** The text. */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /** Whether the recipient separately consented to night-time advertising; default {@code false}. */
    public Builder nightConsent(boolean nightConsent) {
      this.nightConsent = nightConsent;
      return this;
    }

    /** The declared type; default none ({@code null}). */
    public Builder type(MessageType type) {
      this.type = type;
      return this;
    }

    /** The subject (LMS and MMS only); default none ({@code null}). */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** Adds an image (MMS only). */
    public Builder addImage(BatchImage image) {
      if (image == null) {
        throw new IllegalArgumentException("image must not be null");
      }
      images.add(image);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the member: {@code to} or {@code text} missing, a
     *     subject without type LMS/MMS, images without type MMS, or an MMS without images
     */
    public BatchMessage build() {
      return new BatchMessage(to, text, nightConsent, type, subject, images.isEmpty()
          ? Collections.<BatchImage>emptyList() : Collections.unmodifiableList(new ArrayList<>(images)));
    }
  }
}
