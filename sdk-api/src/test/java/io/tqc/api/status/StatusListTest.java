package io.tqc.api.status;

import static io.tqc.api.testing.Rejections.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Base64Url;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IETF OAuth Token Status List encoding. The two vectors are the draft's published examples
 * (draft-ietf-oauth-status-list, "Status List" section): 16 one-bit statuses packed as B9 A3, and
 * 12 two-bit statuses packed as C9 44 F9, each zlib-compressed and base64url-encoded.
 */
class StatusListTest {
  static final String ONE_BIT_LST = "eNrbuRgAAhcBXQ";
  static final int[] ONE_BIT_STATUSES = {1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1};
  static final String TWO_BIT_LST = "eNo76fITAAPfAgc";
  static final int[] TWO_BIT_STATUSES = {1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3};

  @Test
  void draftOneBitVector_decodesToB9A3() throws Exception {
    StatusList list = StatusList.decode(ONE_BIT_LST, 1);

    assertThat(list.toBytes()).containsExactly(0xB9, 0xA3);
    assertThat(list.bits()).isEqualTo(1);
    assertThat(list.size()).isEqualTo(16);
    for (int i = 0; i < ONE_BIT_STATUSES.length; i++) {
      assertThat(list.get(i)).as("status[%d]", i).isEqualTo(ONE_BIT_STATUSES[i]);
    }
  }

  @Test
  void draftOneBitVector_isReproducedByteForByteAtBestCompression() {
    StatusList.Builder builder = new StatusList.Builder(1, 16);
    for (int i = 0; i < ONE_BIT_STATUSES.length; i++) {
      builder.set(i, ONE_BIT_STATUSES[i]);
    }

    assertThat(builder.build().toBytes()).containsExactly(0xB9, 0xA3);
    assertThat(builder.build().encode()).isEqualTo(ONE_BIT_LST);
    assertThat(StatusList.ofBytes(1, new byte[] {(byte) 0xB9, (byte) 0xA3}).encode()).isEqualTo(ONE_BIT_LST);
  }

  @Test
  void draftTwoBitVector_decodesAndIsReproduced() throws Exception {
    StatusList decoded = StatusList.decode(TWO_BIT_LST, 2);
    StatusList.Builder builder = new StatusList.Builder(2, 12);
    for (int i = 0; i < TWO_BIT_STATUSES.length; i++) {
      builder.set(i, TWO_BIT_STATUSES[i]);
    }

    assertThat(decoded.toBytes()).containsExactly(0xC9, 0x44, 0xF9);
    for (int i = 0; i < TWO_BIT_STATUSES.length; i++) {
      assertThat(decoded.get(i)).as("status[%d]", i).isEqualTo(TWO_BIT_STATUSES[i]);
    }
    assertThat(builder.build()).isEqualTo(decoded);
    assertThat(builder.build().encode()).isEqualTo(TWO_BIT_LST);
  }

  @Test
  void certificationStatuses_mapToTheDraftsStatusValues() {
    assertThat(CertificationStatus.ACTIVE.statusListValue()).isZero();        // VALID
    assertThat(CertificationStatus.REVOKED.statusListValue()).isEqualTo(1);   // INVALID
    assertThat(CertificationStatus.SUSPENDED.statusListValue()).isEqualTo(2); // SUSPENDED
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8})
  void builder_setsAndGetsEveryEntryAndRoundTripsThroughEncode(int bits) throws Exception {
    Random random = new Random(bits);
    int[] values = new int[777];
    StatusList.Builder builder = new StatusList.Builder(bits, values.length);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(1 << bits);
      builder.set(i, values[i]);
    }

    StatusList decoded = StatusList.decode(builder.build().encode(), bits);

    for (int i = 0; i < values.length; i++) {
      assertThat(decoded.get(i)).as("entry %d", i).isEqualTo(values[i]);
    }
    assertThat(decoded).isEqualTo(builder.build()).hasSameHashCodeAs(builder.build());
  }

  @Test
  void builder_overwritesOnlyTheTargetEntry() {
    StatusList.Builder builder = new StatusList.Builder(2, 8);
    for (int i = 0; i < 8; i++) {
      builder.set(i, 3);
    }

    StatusList list = builder.set(5, 1).set(6, 0).build();

    assertThat(new int[] {list.get(4), list.get(5), list.get(6), list.get(7)}).containsExactly(3, 1, 0, 3);
  }

  @Test
  void builder_growsToHoldAnyIndex() {
    StatusList.Builder builder = new StatusList.Builder(2, 4);

    StatusList list = builder.set(1000, 2).set(100_000, 1).build();

    assertThat(list.size()).isGreaterThan(100_000);
    assertThat(list.get(1000)).isEqualTo(2);
    assertThat(list.get(100_000)).isEqualTo(1);
    assertThat(list.get(0)).isZero();
    assertThat(list.get(99_999)).isZero();
  }

  @Test
  void builtLists_areSnapshots() {
    StatusList.Builder builder = new StatusList.Builder(1, 8);
    StatusList before = builder.build();

    builder.set(3, 1);
    StatusList fromList = new StatusList.Builder(builder.build()).set(4, 1).build();

    assertThat(before.get(3)).isZero();
    assertThat(builder.build().get(4)).isZero();
    assertThat(fromList.get(3)).isEqualTo(1);
    byte[] copy = before.toBytes();
    copy[0] = -1;
    assertThat(before.get(0)).isZero();
  }

  @Test
  void builderAndAccessors_refuseOutOfRangeArguments() {
    StatusList.Builder builder = new StatusList.Builder(2, 4);

    assertThatThrownBy(() -> builder.set(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.set(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StatusList.Builder(3, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatusList.ofBytes(0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.build().get(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> builder.build().get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void zlibBomb_isRefusedAtTheSizeCap() throws Exception {
    String atCap = Base64Url.encode(zlib(new byte[StatusList.MAX_BYTES], false));
    String bomb = Base64Url.encode(zlib(new byte[StatusList.MAX_BYTES + 1], false));

    assertThat(bomb.length()).isLessThan(40_000);
    assertThat(StatusList.decode(atCap, 2).size()).isEqualTo(StatusList.MAX_BYTES * 4);
    assertFails(() -> StatusList.decode(bomb, 2), ReasonCode.STATUS_LIST_INVALID);
  }

  @Test
  void truncatedStream_isRefused() {
    byte[] full = zlib(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, false);
    for (int length = 1; length < full.length; length++) {
      String truncated = Base64Url.encode(Arrays.copyOf(full, length));
      assertFails(() -> StatusList.decode(truncated, 2), ReasonCode.STATUS_LIST_INVALID);
    }
  }

  @Test
  void trailingDataAfterTheStream_isRefused() {
    byte[] full = zlib(new byte[] {(byte) 0xB9, (byte) 0xA3}, false);
    byte[] trailing = Arrays.copyOf(full, full.length + 1);
    byte[] twoStreams = new byte[full.length * 2];
    System.arraycopy(full, 0, twoStreams, 0, full.length);
    System.arraycopy(full, 0, twoStreams, full.length, full.length);

    assertFails(() -> StatusList.decode(Base64Url.encode(trailing), 1), ReasonCode.STATUS_LIST_INVALID);
    assertFails(() -> StatusList.decode(Base64Url.encode(twoStreams), 1), ReasonCode.STATUS_LIST_INVALID);
  }

  @Test
  void otherEncodings_areRefused() {
    byte[] rawDeflate = zlib(new byte[] {1, 2, 3}, true);
    byte[] withDictionary = zlibWithDictionary(new byte[] {1, 2, 3});
    byte[] emptyList = zlib(new byte[0], false);
    byte[] corrupted = zlib(new byte[] {1, 2, 3, 4}, false);
    corrupted[2] ^= 0x55;

    for (String lst : new String[] {"", "eNrbuRgAAhcBXQ==", "eNrbuRgAAhcBXQ=", "eNrbuRgA+hcBXQ", "eNrbuRgA AhcBXQ",
        "AAAA", Base64Url.encode(rawDeflate), Base64Url.encode(withDictionary), Base64Url.encode(emptyList),
        Base64Url.encode(corrupted), "x"}) {
      assertFails(() -> StatusList.decode(lst, 1), ReasonCode.STATUS_LIST_INVALID);
    }
    assertFails(() -> StatusList.decode(ONE_BIT_LST, 3), ReasonCode.STATUS_LIST_INVALID);
    assertFails(() -> StatusList.decode(ONE_BIT_LST, 0), ReasonCode.STATUS_LIST_INVALID);
  }

  static byte[] zlib(byte[] data, boolean raw) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, raw);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  static byte[] zlibWithDictionary(byte[] data) {
    Deflater deflater = new Deflater();
    deflater.setDictionary(new byte[] {9, 9, 9});
    deflater.setInput(data);
    deflater.finish();
    byte[] buffer = new byte[256];
    int n = deflater.deflate(buffer);
    deflater.end();
    return Arrays.copyOf(buffer, n);
  }
}
