package io.tqc.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * A strict, bounded reader of a server-sent event stream (the WHATWG HTML "event stream"
 * format): lines end with CRLF, LF or CR; {@code data}, {@code event} and {@code id} fields are
 * kept, {@code retry}, comments and unknown fields are skipped; a blank line dispatches the event.
 *
 * <p>Unlike OkHttp's reader, the caps apply <em>while reading</em>: at most
 * {@code maxEventBytes} bytes from one event boundary to the next (a line without an end counts
 * as it arrives; a comment line between events counts alone) and {@code maxStreamBytes} in all on
 * the connection. Memory stays below the event
 * cap plus one okio segment whatever the relay sends; exceeding a cap throws
 * {@link StreamOverflowException}, which the status watcher treats as a failed stream.
 */
public final class EventStreamReader {
  /** Largest event read: a signed status (8192 characters) with its field names, comfortably. */
  public static final long MAX_EVENT_BYTES = 16 * 1024;
  /** Largest connection read before it is dropped and reconnected: 16 MiB (days of heartbeats). */
  public static final long MAX_STREAM_BYTES = 16L * 1024 * 1024;

  private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");
  private static final ByteString BOM = ByteString.decodeHex("efbbbf");

  private final BufferedSource source;
  private final long maxEventBytes;
  private final long maxStreamBytes;
  private long streamBytes;
  private long eventBytes;

  /** Receives each dispatched event. */
  public interface Handler {
    /**
     * One event: {@code id} the last event id or {@code null}, {@code type} the {@code event} field
     * or {@code null} when it had none, {@code data} the data lines joined by LF.
     */
    void onEvent(String id, String type, String data);
  }

  /** A cap of the stream was exceeded: the stream is abandoned. */
  public static final class StreamOverflowException extends IOException {
    private static final long serialVersionUID = 1L;

    StreamOverflowException(String message) {
      super(message);
    }
  }

  /** A reader of {@code source} with the default caps. */
  public EventStreamReader(BufferedSource source) {
    this(source, MAX_EVENT_BYTES, MAX_STREAM_BYTES);
  }

  /** A reader of {@code source} with the given caps (bytes). */
  public EventStreamReader(BufferedSource source, long maxEventBytes, long maxStreamBytes) {
    this.source = source;
    this.maxEventBytes = maxEventBytes;
    this.maxStreamBytes = maxStreamBytes;
  }

  /**
   * Reads events until the stream ends; an event not terminated by a blank line when the stream
   * ends is discarded, as the format requires.
   *
   * @throws StreamOverflowException an event or the connection exceeded its cap
   * @throws IOException the connection failed
   */
  public void readAll(Handler handler) throws IOException {
    if (source.rangeEquals(0, BOM)) {
      source.skip(BOM.size());
    }
    StringBuilder data = new StringBuilder();
    boolean hasData = false;
    String type = null;
    String lastId = null;
    String line;
    while ((line = readLine()) != null) {
      if (line.isEmpty()) {
        eventBytes = 0;
        if (hasData) {
          handler.onEvent(lastId, type, data.toString());
        }
        data.setLength(0);
        hasData = false;
        type = null;
        continue;
      }
      if (line.charAt(0) == ':') {
        if (!hasData && type == null) {
          eventBytes = 0; // a keep-alive comment between events: nothing of it is kept
        }
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = "";
      if (colon >= 0) {
        int from = colon + 1;
        if (from < line.length() && line.charAt(from) == ' ') {
          from++;
        }
        value = line.substring(from);
      }
      if ("data".equals(field)) {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      } else if ("event".equals(field)) {
        type = value;
      } else if ("id".equals(field)) {
        if (value.indexOf('\0') < 0) {
          lastId = value;
        }
      }
    }
  }

  /** The next line without its end, or {@code null} at the end of the stream. */
  private String readLine() throws IOException {
    Buffer line = new Buffer();
    while (true) {
      Buffer buffered = source.getBuffer();
      if (buffered.size() == 0 && !source.request(1)) {
        return null; // end of stream; a partial line belongs to an event that never completed
      }
      long end = buffered.indexOfElement(LINE_ENDS);
      long take = end >= 0 ? end : buffered.size();
      count(take + (end >= 0 ? 1 : 0));
      line.write(buffered, take);
      if (end < 0) {
        continue;
      }
      byte terminator = buffered.readByte();
      if (terminator == '\r' && source.request(1) && buffered.getByte(0) == '\n') {
        count(1);
        buffered.readByte();
      }
      return line.readString(StandardCharsets.UTF_8);
    }
  }

  private void count(long bytes) throws StreamOverflowException {
    eventBytes += bytes;
    streamBytes += bytes;
    if (eventBytes > maxEventBytes) {
      throw new StreamOverflowException("an event is larger than " + maxEventBytes + " bytes");
    }
    if (streamBytes > maxStreamBytes) {
      throw new StreamOverflowException("the connection sent more than " + maxStreamBytes + " bytes");
    }
  }
}
