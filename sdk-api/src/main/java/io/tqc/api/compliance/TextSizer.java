package io.tqc.api.compliance;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Measures texts in one charset for one {@link ComplianceRun}: by the shared per-character size
 * table where there is one, else (and for texts with surrogates) with one {@link CharsetEncoder}
 * and buffer pair created on first need and reused for the rest of the run. Not thread-safe.
 */
final class TextSizer {
  private final Charset charset;
  /** Per-character sizes in the charset, or {@code null} to use the encoder. */
  private final byte[] sizes;
  /** Reused copy of the current text's characters; grows as needed. */
  private char[] chars;
  private CharsetEncoder encoder;
  private ByteBuffer out;
  /** Wraps {@link #chars}; null after {@code chars} grows. */
  private CharBuffer in;

  /** Index of the first character the last {@link #byteLength} could not encode, or -1. */
  private int unencodableAt;
  /** How many characters (code points) the last {@link #byteLength} could not encode. */
  private int unencodableCount;

  TextSizer(Charset charset) {
    this.charset = charset;
    this.sizes = CharsetSizes.table(charset);
  }

  /** Index of the first character the last measured text could not encode, or -1. */
  int unencodableAt() {
    return unencodableAt;
  }

  /** How many characters (code points) the last measured text could not encode. */
  int unencodableCount() {
    return unencodableCount;
  }

  /**
   * Bytes {@code text} takes in the charset, counting only encodable characters; sets
   * {@link #unencodableAt()} and {@link #unencodableCount()}.
   */
  int byteLength(String text) {
    unencodableAt = -1;
    unencodableCount = 0;
    if (sizes == null) {
      return encodedLength(text);
    }
    int length = text.length();
    char[] buffer = chars(length);
    text.getChars(0, length, buffer, 0);
    int total = 0;
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      int size = sizes[c];
      if (size == 0) {
        if (Character.isSurrogate(c)) {
          // Supplementary characters (emoji) or lone surrogates: let the encoder decide.
          unencodableAt = -1;
          unencodableCount = 0;
          return encodedLength(text);
        }
        if (unencodableAt < 0) {
          unencodableAt = i;
        }
        unencodableCount++;
      }
      total += size;
    }
    return total;
  }

  /** {@link #byteLength} through the charset's encoder, one encoder and buffer pair per run. */
  private int encodedLength(String text) {
    if (encoder == null) {
      encoder = charset.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      out = ByteBuffer.allocate(1024);
    }
    int length = text.length();
    chars(length);
    if (in == null) {
      in = CharBuffer.wrap(chars);
    }
    text.getChars(0, length, chars, 0);
    in.clear();
    in.limit(length);
    encoder.reset();
    int total = 0;
    while (true) {
      out.clear();
      CoderResult result = encoder.encode(in, out, true);
      total += out.position();
      if (result.isError()) {
        if (unencodableAt < 0) {
          unencodableAt = in.position();
        }
        unencodableCount++;
        in.position(in.position() + result.length());
      } else if (!result.isOverflow()) {
        break;
      }
    }
    out.clear();
    encoder.flush(out);
    return total + out.position();
  }

  private char[] chars(int length) {
    if (chars == null || chars.length < length) {
      chars = new char[Math.max(length, chars == null ? 256 : chars.length * 2)];
      in = null;
    }
    return chars;
  }
}
