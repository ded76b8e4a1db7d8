package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class EventStreamReaderTest {
  /** An endless stream of one byte value, counting what was pulled from it. */
  static final class Endless implements Source {
    final byte value;
    long pulled;

    Endless(char value) {
      this.value = (byte) value;
    }

    @Override
    public long read(Buffer sink, long byteCount) {
      long n = Math.min(byteCount, 8192);
      for (long i = 0; i < n; i++) {
        sink.writeByte(value);
      }
      pulled += n;
      return n;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {}
  }

  static List<String> read(String stream) throws IOException {
    List<String> events = new ArrayList<>();
    new EventStreamReader(new Buffer().writeUtf8(stream))
        .readAll((id, type, data) -> events.add(id + "|" + type + "|" + data));
    return events;
  }

  @Test
  void anEventWithoutALineEnd_failsTheStreamAtTheCap_whileReading() {
    // Today's reader (OkHttp's) buffered such an event whole before any cap: 64 MiB grew the heap
    // by 64 MiB. This one stops pulling bytes once the event passes the cap.
    Endless relay = new Endless('A');
    BufferedSource source = Okio.buffer(relay);
    assertThatThrownBy(() -> new EventStreamReader(source).readAll((id, type, data) -> { }))
        .isInstanceOf(EventStreamReader.StreamOverflowException.class)
        .hasMessageContaining("an event is larger than " + EventStreamReader.MAX_EVENT_BYTES);
    assertThat(relay.pulled).isLessThanOrEqualTo(EventStreamReader.MAX_EVENT_BYTES + 2 * 8192);
  }

  @Test
  void manyDataLinesInOneEvent_countTogether() {
    StringBuilder stream = new StringBuilder("event: status\n");
    for (int i = 0; i < 4000; i++) {
      stream.append("data: xxxx\n");
    }
    assertThatThrownBy(() -> read(stream.append('\n').toString()))
        .isInstanceOf(EventStreamReader.StreamOverflowException.class);
  }

  @Test
  void aConnectionOverItsCap_fails_evenWithSmallEvents() {
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      stream.append("event: status\ndata: 0123456789\n\n");
    }
    List<String> events = new ArrayList<>();
    assertThatThrownBy(() -> new EventStreamReader(new Buffer().writeUtf8(stream.toString()), 1024, 1024)
        .readAll((id, type, data) -> events.add(data)))
        .isInstanceOf(EventStreamReader.StreamOverflowException.class)
        .hasMessageContaining("the connection sent more than 1024 bytes");
    assertThat(events).hasSize(1024 / 32).allMatch("0123456789"::equals); // 32 bytes per event
  }

  @Test
  void eventsUnderTheCaps_areDispatched_untilTheStreamEnds() throws IOException {
    assertThat(read("event: status\ndata: a\n\n: heartbeat comment\n\ndata:b\ndata: c\nid: 7\n\n"))
        .containsExactly("null|status|a", "7|null|b\nc");
  }

  @Test
  void everyLineEnd_isALineEnd() throws IOException {
    assertThat(read("data: crlf\r\n\r\ndata: cr\r\rdata: lf\n\n")).containsExactly("null|null|crlf",
        "null|null|cr", "null|null|lf");
  }

  @Test
  void aByteOrderMark_andUnknownFields_areSkipped() throws IOException {
    assertThat(read("\uFEFFretry: 5\nfoo: bar\ndata\n\n")).containsExactly("null|null|");
  }

  @Test
  void anEventTheStreamCutsOff_isDiscarded() throws IOException {
    assertThat(read("data: complete\n\ndata: cut off")).containsExactly("null|null|complete");
    assertThat(read("data: cut off\n")).isEmpty();
  }

  @Test
  void keepAliveCommentsBetweenEvents_doNotAddUp_butCommentsInsideAnEventDo() throws IOException {
    StringBuilder pings = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      pings.append(": ping\n");
    }
    assertThat(read(pings + "data: after\n\n")).containsExactly("null|null|after");
    assertThatThrownBy(() -> read("data: before\n" + pings + "\n"))
        .isInstanceOf(EventStreamReader.StreamOverflowException.class);
  }

  @Test
  void aBlankLineResetsTheEventBudget() throws IOException {
    StringBuilder stream = new StringBuilder();
    String data = new String(new char[8000]).replace('\0', 'x');
    for (int i = 0; i < 10; i++) {
      stream.append("data: ").append(data).append("\n\n");
    }
    assertThat(read(stream.toString())).hasSize(10);
  }
}
