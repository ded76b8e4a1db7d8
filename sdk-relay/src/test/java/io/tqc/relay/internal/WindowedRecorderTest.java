package io.tqc.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowedRecorderTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  /** A 60-unit window of six 10-unit buckets, on a hand-moved ticker. */
  final WindowedRecorder recorder = new WindowedRecorder(60, now::get);

  @Test
  void values_countInTheWindowAndInTheTotals() {
    recorder.record(5);
    recorder.record(15);
    recorder.record(1);

    WindowedRecorder.Window window = recorder.window();
    assertThat(window.count).isEqualTo(3);
    assertThat(window.sum).isEqualTo(21);
    assertThat(window.max).isEqualTo(15);
    assertThat(window.mean()).isEqualTo(7.0);
    assertThat(recorder.totalCount()).isEqualTo(3);
    assertThat(recorder.totalSum()).isEqualTo(21);
  }

  @Test
  void valuesOlderThanTheWindow_leaveIt_butStayInTheTotals() {
    recorder.record(100);
    now.addAndGet(30);
    recorder.record(2);
    assertThat(recorder.window().max).isEqualTo(100);

    now.addAndGet(40); // the first value's bucket is now more than a window old
    WindowedRecorder.Window window = recorder.window();
    assertThat(window.count).isEqualTo(1);
    assertThat(window.max).isEqualTo(2);
    assertThat(recorder.totalCount()).isEqualTo(2);
    assertThat(recorder.totalSum()).isEqualTo(102);

    now.addAndGet(1_000);
    assertThat(recorder.window().count).isZero();
    assertThat(recorder.window().mean()).isZero();
    assertThat(recorder.window().max).isZero();
  }

  @Test
  void aBucketReusedAfterAWholeWindow_startsEmpty() {
    recorder.record(7);
    now.addAndGet(60); // same slot of the ring, one window later
    recorder.record(3);
    assertThat(recorder.window().count).isEqualTo(1);
    assertThat(recorder.window().max).isEqualTo(3);
  }

  @Test
  void recordSince_measuresTheTickerAndClampsABackwardStepToZero() {
    long start = recorder.tick();
    now.addAndGet(4);
    recorder.recordSince(start);
    recorder.record(-9);
    assertThat(recorder.totalSum()).isEqualTo(4);
    assertThat(recorder.totalCount()).isEqualTo(2);
  }

  @Test
  void concurrentRecording_losesNothingFromTheTotals() throws Exception {
    WindowedRecorder real = new WindowedRecorder();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> {
          for (int i = 1; i <= 10_000; i++) {
            real.record(i);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(real.totalCount()).isEqualTo(40_000);
    assertThat(real.totalSum()).isEqualTo(4L * 10_000 * 10_001 / 2);
    assertThat(real.window().max).isEqualTo(10_000);
  }

  @Test
  void tooShortAWindow_isRefused() {
    assertThatThrownBy(() -> new WindowedRecorder(5, now::get)).isInstanceOf(IllegalArgumentException.class);
  }
}
