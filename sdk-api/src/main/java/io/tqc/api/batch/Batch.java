package io.tqc.api.batch;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.internal.StrictJsonReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch body: {@code {"sender_number", "advertising", "messages": [{"to", "text", "night_consent"?,
 * "type"?, "subject"?, "images"?: [{"sha256", "size"}]}], "advertiser"?: {"name", "contact"},
 * "send_at"?: ISO-8601}}. Immutable; build with {@link Builder}, serialize with {@link #toJsonBytes()},
 * parse received bytes with {@link #parse}.
 *
 * <p>The MMS members ({@code type}, {@code subject}, {@code images}; see {@link BatchMessage} and
 * {@link BatchImage}) are written only when set, so a batch without them serializes exactly as it
 * did before they existed.
 */
public final class Batch {
  private static final Set<String> MEMBERS =
      new HashSet<>(Arrays.asList("sender_number", "advertising", "messages", "advertiser", "send_at"));
  private static final Set<String> MESSAGE_MEMBERS = new HashSet<>(Arrays.asList("to", "text", "night_consent", "type", "subject", "images"));
  private static final Set<String> IMAGE_MEMBERS = new HashSet<>(Arrays.asList("sha256", "size"));
  private static final Set<String> ADVERTISER_MEMBERS = new HashSet<>(Arrays.asList("name", "contact"));

  private final String senderNumber;
  private final boolean advertising;
  private final List<BatchMessage> messages;
  private final String advertiserName;
  private final String advertiserContact;
  private final Instant sendAt;

  private Batch(Builder b) {
    if (b.senderNumber == null || b.messages.isEmpty()) {
      throw new IllegalArgumentException("a batch needs a sender number and at least one message");
    }
    if ((b.advertiserName == null) != (b.advertiserContact == null)) {
      throw new IllegalArgumentException("advertiser needs both name and contact");
    }
    this.senderNumber = b.senderNumber;
    this.advertising = b.advertising;
    this.messages = Collections.unmodifiableList(new ArrayList<>(b.messages));
    this.advertiserName = b.advertiserName;
    this.advertiserContact = b.advertiserContact;
    this.sendAt = b.sendAt;
  }

  /**
   * Parses batch bytes strictly. {@code batch_too_large} if it holds more than {@code maxMessages}
   * messages; {@code batch_malformed} naming the defect otherwise.
   */
  public static Batch parse(byte[] json, int maxMessages) throws TqcException {
    Batch batch;
    try {
      batch = parseStreaming(json, maxMessages);
    } catch (JsonException | TqcException | RuntimeException streamingRefusal) {
      // The body is refused either way. The tree parse names the defect exactly as it always has
      // (and in the same order: syntax first, then shape); it refuses everything the streaming
      // parse refuses, and if it ever did not, the streaming refusal stands.
      parseTree(json, maxMessages);
      if (streamingRefusal instanceof TqcException) {
        throw (TqcException) streamingRefusal;
      }
      throw new TqcException(ReasonCode.BATCH_MALFORMED, "batch body: " + streamingRefusal.getMessage());
    }
    return batch;
  }

  private static final StrictJsonReader.Names MEMBER_ORDER =
      StrictJsonReader.Names.of("sender_number", "advertising", "messages", "advertiser", "send_at");

  /**
   * The fast path: one pass of a strict pull reader straight into the model, no intermediate maps.
   * It accepts only what {@link #parseTree} accepts (same strict JSON, known members once each,
   * exact types, no {@code null}).
   */
  private static Batch parseStreaming(byte[] json, int maxMessages) throws JsonException, TqcException {
    StrictJsonReader in = StrictJsonReader.of(json);
    in.beginObject("batch");
    Builder builder = new Builder();
    int seen = 0;
    while (in.hasNext()) {
      int member = in.nextName(MEMBER_ORDER, "batch");
      if ((seen & (1 << member)) != 0) {
        throw new JsonException("duplicate member \"" + MEMBER_ORDER.get(member) + "\"");
      }
      seen |= 1 << member;
      switch (member) {
        case 0:
          builder.senderNumber(in.nextString("\"sender_number\""));
          break;
        case 1:
          builder.advertising(in.nextBoolean("\"advertising\""));
          break;
        case 2:
          readMessages(in, builder, maxMessages);
          break;
        case 3:
          readAdvertiser(in, builder);
          break;
        default:
          builder.sendAt(sendAt(in.nextString("\"send_at\"")));
          break;
      }
    }
    in.endObject();
    in.end();
    if ((seen & 0b111) != 0b111) {
      throw new JsonException("a required member is missing");
    }
    return builder.build();
  }

  private static final StrictJsonReader.Names MESSAGE_ORDER =
      StrictJsonReader.Names.of("to", "text", "night_consent", "type", "subject", "images");
  private static final StrictJsonReader.Names IMAGE_ORDER = StrictJsonReader.Names.of("sha256", "size");

  private static void readMessages(StrictJsonReader in, Builder builder, int maxMessages)
      throws JsonException, TqcException {
    in.beginArray("\"messages\"");
    int count = 0;
    while (in.hasNext()) {
      if (count == maxMessages) {
        throw new TqcException(ReasonCode.BATCH_TOO_LARGE, "batch holds more than " + maxMessages
            + " messages; the limit is " + maxMessages);
      }
      in.beginObject("messages[" + count + "]");
      String to = null;
      String text = null;
      boolean nightConsent = false;
      MessageType type = null;
      String subject = null;
      List<BatchImage> images = null;
      int seen = 0;
      while (in.hasNext()) {
        int member = in.nextName(MESSAGE_ORDER, "message");
        if ((seen & (1 << member)) != 0) {
          throw new JsonException("duplicate member in messages[" + count + "]");
        }
        seen |= 1 << member;
        switch (member) {
          case 0:
            to = in.nextString("\"to\"");
            break;
          case 1:
            text = in.nextString("\"text\"");
            break;
          case 2:
            nightConsent = in.nextBoolean("\"night_consent\"");
            break;
          case 3:
            type = type(in.nextString("\"type\""));
            break;
          case 4:
            subject = in.nextString("\"subject\"");
            break;
          default:
            images = readImages(in, count);
            break;
        }
      }
      in.endObject();
      if (to == null || text == null) {
        throw new JsonException("messages[" + count + "] lacks \"to\" or \"text\"");
      }
      try {
        builder.addMessage(BatchMessage.of(to, text, nightConsent, type, subject, images));
      } catch (IllegalArgumentException e) {
        throw new JsonException("messages[" + count + "]: " + e.getMessage());
      }
      count++;
    }
    in.endArray();
    if (count == 0) {
      throw new JsonException("\"messages\" is empty");
    }
  }

  private static List<BatchImage> readImages(StrictJsonReader in, int index) throws JsonException {
    in.beginArray("\"images\"");
    List<BatchImage> images = new ArrayList<>(2);
    int count = 0;
    while (in.hasNext()) {
      in.beginObject("images[" + count + "]");
      String sha256 = null;
      long size = 0;
      int seen = 0;
      while (in.hasNext()) {
        int member = in.nextName(IMAGE_ORDER, "image");
        if ((seen & (1 << member)) != 0) {
          throw new JsonException("duplicate member in messages[" + index + "].images[" + count + "]");
        }
        seen |= 1 << member;
        if (member == 0) {
          sha256 = in.nextString("\"sha256\"");
        } else {
          size = in.nextLong("\"size\"", 1, BatchImage.MAX_SIZE);
        }
      }
      in.endObject();
      if (seen != 0b11) {
        throw new JsonException("messages[" + index + "].images[" + count + "] lacks \"sha256\" or \"size\"");
      }
      images.add(image(sha256, size));
      count++;
    }
    in.endArray();
    if (count == 0) {
      throw new JsonException("\"images\" is empty");
    }
    return images;
  }

  private static MessageType type(String wire) throws JsonException {
    MessageType type = MessageType.fromWireName(wire);
    if (type == null) {
      throw new JsonException("\"type\" must be \"SMS\", \"LMS\" or \"MMS\"");
    }
    return type;
  }

  private static BatchImage image(String sha256, long size) throws JsonException {
    try {
      return BatchImage.of(sha256, size);
    } catch (IllegalArgumentException e) {
      throw new JsonException(e.getMessage());
    }
  }

  private static BatchMessage build(BatchMessage.Builder message, int index) throws JsonException {
    try {
      return message.build();
    } catch (IllegalArgumentException e) {
      throw new JsonException("messages[" + index + "]: " + e.getMessage());
    }
  }

  private static final StrictJsonReader.Names ADVERTISER_ORDER = StrictJsonReader.Names.of("name", "contact");

  private static void readAdvertiser(StrictJsonReader in, Builder builder) throws JsonException {
    in.beginObject("\"advertiser\"");
    String name = null;
    String contact = null;
    while (in.hasNext()) {
      int member = in.nextName(ADVERTISER_ORDER, "advertiser");
      if (member == 0 && name == null) {
        name = in.nextString("\"name\"");
      } else if (member == 1 && contact == null) {
        contact = in.nextString("\"contact\"");
      } else {
        throw new JsonException("duplicate member in \"advertiser\"");
      }
    }
    in.endObject();
    if (name == null || contact == null) {
      throw new JsonException("\"advertiser\" needs \"name\" and \"contact\"");
    }
    builder.advertiser(name, contact);
  }

  private static Instant sendAt(String text) throws JsonException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new JsonException("\"send_at\" is not an ISO-8601 date-time with offset");
    }
  }

  /** The reference parse through the JSON tree: the error it reports is the one the caller sees. */
  private static Batch parseTree(byte[] json, int maxMessages) throws TqcException {
    try {
      JsonObject root = Json.parseObject(json);
      root.requireOnly(MEMBERS, "batch");
      Builder builder = new Builder()
          .senderNumber(root.string("sender_number"))
          .advertising(root.bool("advertising"));
      List<Object> items = root.array("messages");
      if (items.isEmpty()) {
        throw new JsonException("\"messages\" is empty");
      }
      if (items.size() > maxMessages) {
        throw new TqcException(ReasonCode.BATCH_TOO_LARGE,
            "batch holds " + items.size() + " messages; the limit is " + maxMessages);
      }
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof JsonObject)) {
          throw new JsonException("messages[" + i + "] is not an object");
        }
        JsonObject message = (JsonObject) items.get(i);
        BatchMessage.Builder parsed = new BatchMessage.Builder();
        try {
          message.requireOnly(MESSAGE_MEMBERS, "message");
          parsed.to(message.string("to")).text(message.string("text"))
              .nightConsent(message.optBool("night_consent", false));
          String type = message.optString("type");
          if (type != null) {
            parsed.type(type(type));
          }
          parsed.subject(message.optString("subject"));
          if (message.has("images")) {
            treeImages(message.array("images"), parsed);
          }
        } catch (JsonException e) {
          throw new JsonException("messages[" + i + "]: " + e.getMessage());
        }
        builder.addMessage(build(parsed, i));
      }
      JsonObject advertiser = root.optObject("advertiser");
      if (advertiser != null) {
        advertiser.requireOnly(ADVERTISER_MEMBERS, "advertiser");
        builder.advertiser(advertiser.string("name"), advertiser.string("contact"));
      }
      String sendAt = root.optString("send_at");
      if (sendAt != null) {
        try {
          builder.sendAt(OffsetDateTime.parse(sendAt).toInstant());
        } catch (DateTimeParseException e) {
          throw new JsonException("\"send_at\" is not an ISO-8601 date-time with offset");
        }
      }
      return builder.build();
    } catch (JsonException e) {
      throw new TqcException(ReasonCode.BATCH_MALFORMED, "batch body: " + e.getMessage());
    }
  }

  private static void treeImages(List<Object> items, BatchMessage.Builder message) throws JsonException {
    if (items.isEmpty()) {
      throw new JsonException("\"images\" is empty");
    }
    for (int j = 0; j < items.size(); j++) {
      if (!(items.get(j) instanceof JsonObject)) {
        throw new JsonException("images[" + j + "] is not an object");
      }
      JsonObject image = (JsonObject) items.get(j);
      try {
        image.requireOnly(IMAGE_MEMBERS, "image");
        message.addImage(image(image.string("sha256"), image.integer("size", 1, BatchImage.MAX_SIZE)));
      } catch (JsonException e) {
        throw new JsonException("images[" + j + "]: " + e.getMessage());
      }
    }
  }

  /** The batch as compact JSON, UTF-8: the bytes to sign and send. */
  public byte[] toJsonBytes() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sender_number", senderNumber);
    root.put("advertising", advertising);
    List<Object> list = new ArrayList<>(messages.size());
    for (BatchMessage message : messages) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("to", message.to());
      item.put("text", message.text());
      if (message.nightConsent()) {
        item.put("night_consent", true);
      }
      if (message.type() != null) {
        item.put("type", message.type().wireName());
      }
      if (message.subject() != null) {
        item.put("subject", message.subject());
      }
      if (!message.images().isEmpty()) {
        List<Object> images = new ArrayList<>(message.images().size());
        for (BatchImage image : message.images()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("sha256", image.sha256());
          entry.put("size", image.size());
          images.add(entry);
        }
        item.put("images", images);
      }
      list.add(item);
    }
    root.put("messages", list);
    if (advertiserName != null) {
      Map<String, Object> advertiser = new LinkedHashMap<>();
      advertiser.put("name", advertiserName);
      advertiser.put("contact", advertiserContact);
      root.put("advertiser", advertiser);
    }
    if (sendAt != null) {
      root.put("send_at", sendAt.toString());
    }
    return Json.write(root).getBytes(StandardCharsets.UTF_8);
  }

  /** The caller id the batch is sent from, as given. */
  public String senderNumber() {
    return senderNumber;
  }

  /** True if the batch is declared as advertising (광고성 정보). */
  public boolean advertising() {
    return advertising;
  }

  /** The messages. */
  public List<BatchMessage> messages() {
    return messages;
  }

  /** Number of messages. */
  public int messageCount() {
    return messages.size();
  }

  /** The advertiser's name (전송자 명칭), or {@code null}. */
  public String advertiserName() {
    return advertiserName;
  }

  /** The advertiser's contact (연락처), or {@code null}. */
  public String advertiserContact() {
    return advertiserContact;
  }

  /** The scheduled send time, or {@code null} for "now". */
  public Instant sendAt() {
    return sendAt;
  }

  @Override
  public String toString() {
    return "Batch{from=" + senderNumber + ", advertising=" + advertising + ", " + messages.size() + " messages}";
  }

  /** Builds a {@link Batch}. */
  public static final class Builder {
    private String senderNumber;
    private boolean advertising = true;
    private final List<BatchMessage> messages = new ArrayList<>();
    private String advertiserName;
    private String advertiserContact;
    private Instant sendAt;

    public Builder senderNumber(String senderNumber) {
      this.senderNumber = senderNumber;
      return this;
    }

    /** Whether the batch is advertising; default {@code true}. */
    public Builder advertising(boolean advertising) {
      this.advertising = advertising;
      return this;
    }

    public Builder addMessage(BatchMessage message) {
      this.messages.add(message);
      return this;
    }

    public Builder addMessage(String to, String text) {
      return addMessage(new BatchMessage(to, text));
    }

    public Builder advertiser(String name, String contact) {
      this.advertiserName = name;
      this.advertiserContact = contact;
      return this;
    }

    public Builder sendAt(Instant sendAt) {
      this.sendAt = sendAt;
      return this;
    }

    public Batch build() {
      return new Batch(this);
    }
  }
}
