package io.tqc.api.testing;

import io.tqc.api.TqcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the fuzz tests read their {@code byte[]} input, so that seed files stay writable by hand:
 * the first byte picks a mode ({@code '0'}, {@code '1'}, ... modulo the number of modes) and the
 * rest is one part or several parts separated by the byte {@code 0xFF} (which UTF-8 text never holds).
 */
public final class FuzzInput {
  /** Separates parts of a seed. */
  public static final byte SEPARATOR = (byte) 0xFF;

  private final int modeByte;
  private final byte[] rest;

  private FuzzInput(byte[] data) {
    this.modeByte = data.length == 0 ? 0 : data[0] & 0xFF;
    this.rest = data.length == 0 ? new byte[0] : Arrays.copyOfRange(data, 1, data.length);
  }

  /** Wraps the fuzzer's input. */
  public static FuzzInput of(byte[] data) {
    return new FuzzInput(data);
  }

  /** The mode, in {@code [0, modes)}. */
  public int mode(int modes) {
    return modeByte % modes;
  }

  /** Everything after the mode byte. */
  public byte[] bytes() {
    return rest.clone();
  }

  /** Everything after the mode byte, as (leniently decoded) UTF-8 text. */
  public String text() {
    return new String(rest, StandardCharsets.UTF_8);
  }

  /** Part {@code index} of {@code count} (the last part takes the remainder; missing parts are empty). */
  public byte[] part(int index, int count) {
    List<byte[]> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < rest.length && parts.size() < count - 1; i++) {
      if (rest[i] == SEPARATOR) {
        parts.add(Arrays.copyOfRange(rest, start, i));
        start = i + 1;
      }
    }
    parts.add(Arrays.copyOfRange(rest, start, rest.length));
    return index < parts.size() ? parts.get(index) : new byte[0];
  }

  /** A call into the API under test. */
  public interface Call {
    /** Runs it. */
    void run() throws Exception;
  }

  /**
   * The property every fuzz test checks: the call returns normally or throws a {@link TqcException}
   * (any subtype). Anything else (a {@link RuntimeException}, an {@link Error}, another checked
   * exception) escapes and is reported by Jazzer as a finding.
   */
  public static void onlyTqcExceptions(Call call) throws Exception {
    try {
      call.run();
    } catch (TqcException expected) {
      // a typed refusal is a correct answer to hostile input
    }
  }
}
