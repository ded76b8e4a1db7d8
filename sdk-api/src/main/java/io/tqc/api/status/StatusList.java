package io.tqc.api.status;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.internal.Base64Url;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An IETF OAuth Token Status List: a packed array of {@code bits}-bit statuses (1, 2, 4 or 8),
 * index 0 in the least significant bits of byte 0, serialized as base64url(zlib(bytes)).
 * Values: 0 VALID, 1 INVALID, 2 SUSPENDED. Immutable; mutate through {@link Builder}.
 */
public final class StatusList {
  /** Largest decompressed list accepted when decoding: 16 MiB (64 M entries at 2 bits). */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private final int bits;
  private final byte[] bytes;

  private StatusList(int bits, byte[] bytes) {
    this.bits = bits;
    this.bytes = bytes;
  }

  private static void checkBits(int bits) {
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
      throw new IllegalArgumentException("bits must be 1, 2, 4 or 8");
    }
  }

  /** Wraps raw packed bytes. */
  public static StatusList ofBytes(int bits, byte[] packed) {
    checkBits(bits);
    return new StatusList(bits, packed.clone());
  }

  /** Bits per entry. */
  public int bits() {
    return bits;
  }

  /** Number of entries the list holds (its byte length times entries per byte). */
  public int size() {
    return bytes.length * (8 / bits);
  }

  /** The status at {@code index}. */
  public int get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (size() - 1));
    }
    int perByte = 8 / bits;
    int shift = (index % perByte) * bits;
    return (bytes[index / perByte] >> shift) & ((1 << bits) - 1);
  }

  /** The packed bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The {@code lst} value: base64url of the zlib (DEFLATE) stream at best compression. */
  public String encode() {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      deflater.setInput(bytes);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer);
        out.write(buffer, 0, n);
      }
      return Base64Url.encode(out.toByteArray());
    } finally {
      deflater.end();
    }
  }

  /**
   * Decodes an {@code lst} value; refuses bad base64url, a zlib stream that is truncated, carries a
   * preset dictionary or is followed by trailing bytes, an empty list, or more than {@link #MAX_BYTES}.
   */
  public static StatusList decode(String lst, int bits) throws TqcException {
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
      throw new TqcException(ReasonCode.STATUS_LIST_INVALID, "bits must be 1, 2, 4 or 8");
    }
    byte[] compressed = Base64Url.decodeOrNull(lst);
    if (compressed == null || compressed.length == 0) {
      throw new TqcException(ReasonCode.STATUS_LIST_INVALID, "lst is not unpadded base64url");
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, compressed.length * 4));
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new TqcException(ReasonCode.STATUS_LIST_INVALID, "lst is a truncated zlib stream");
        }
        if (out.size() + n > MAX_BYTES) {
          throw new TqcException(ReasonCode.STATUS_LIST_INVALID, "lst inflates beyond " + MAX_BYTES + " bytes");
        }
        out.write(buffer, 0, n);
      }
      if (inflater.getRemaining() != 0) {
        throw new TqcException(ReasonCode.STATUS_LIST_INVALID, "trailing data after the zlib stream");
      }
      if (out.size() == 0) {
        throw new TqcException(ReasonCode.STATUS_LIST_INVALID, "lst inflates to an empty list");
      }
      return new StatusList(bits, out.toByteArray());
    } catch (DataFormatException e) {
      throw new TqcException(ReasonCode.STATUS_LIST_INVALID, "lst is not a zlib stream");
    } finally {
      inflater.end();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatusList && bits == ((StatusList) other).bits
        && Arrays.equals(bytes, ((StatusList) other).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + bits;
  }

  @Override
  public String toString() {
    return "StatusList{bits=" + bits + ", size=" + size() + "}";
  }

  /** A mutable builder: set entries, then {@link #build()} an immutable copy. Not thread-safe. */
  public static final class Builder {
    private final int bits;
    private byte[] bytes;

    /** A list of {@code bits}-bit entries with room for at least {@code capacity} entries, all 0. */
    public Builder(int bits, int capacity) {
      checkBits(bits);
      int perByte = 8 / bits;
      this.bits = bits;
      this.bytes = new byte[Math.max(1, (capacity + perByte - 1) / perByte)];
    }

    /** Starts from an existing list. */
    public Builder(StatusList list) {
      this.bits = list.bits;
      this.bytes = list.bytes.clone();
    }

    /** Sets entry {@code index} to {@code value}, growing the list if needed. */
    public Builder set(int index, int value) {
      if (index < 0 || value < 0 || value >= (1 << bits)) {
        throw new IllegalArgumentException("index must be >= 0 and value fit in " + bits + " bits");
      }
      int perByte = 8 / bits;
      int byteIndex = index / perByte;
      if (byteIndex >= bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(byteIndex + 1, bytes.length * 2));
      }
      int shift = (index % perByte) * bits;
      int mask = ((1 << bits) - 1) << shift;
      bytes[byteIndex] = (byte) ((bytes[byteIndex] & ~mask) | (value << shift));
      return this;
    }

    /** An immutable snapshot. */
    public StatusList build() {
      return new StatusList(bits, bytes.clone());
    }
  }
}
