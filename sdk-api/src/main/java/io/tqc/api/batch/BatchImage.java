package io.tqc.api.batch;

import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Digests;
import java.security.MessageDigest;

/**
 * An image of an MMS message, referenced by the SHA-256 digest and the byte size of the exact image
 * file (usually a JPEG) the provider or carrier delivers: {@code {"sha256": "<43 base64url>",
 * "size": <bytes>}} on the wire. The image bytes themselves never travel in the batch; because the
 * batch proof signs the batch JSON, it binds these digests, so an image swapped after signing no
 * longer matches what was certified. Immutable.
 *
 * <p>The digest is written once, in one form: unpadded base64url (RFC 4648 §5) of the 32 digest
 * bytes, 43 characters, canonical — the same encoding as the proof's {@code bh} and {@code ath}.
 */
public final class BatchImage {
  /** Characters of {@link #sha256()}: unpadded base64url of 32 bytes. */
  public static final int DIGEST_LENGTH = 43;
  /** The largest {@link #size()} the batch format accepts (the compliance limits are far lower). */
  public static final long MAX_SIZE = Integer.MAX_VALUE;

  private final String sha256;
  private final long size;

  private BatchImage(String sha256, long size) {
    this.sha256 = sha256;
    this.size = size;
  }

  /**
   * The image with digest {@code sha256} and {@code size} bytes.
   *
   * @throws IllegalArgumentException {@code sha256} is not 43 canonical base64url characters of a
   *     32-byte digest, or {@code size} is not 1..{@value #MAX_SIZE}
   */
  public static BatchImage of(String sha256, long size) {
    if (sha256 == null || sha256.length() != DIGEST_LENGTH) {
      throw new IllegalArgumentException("image \"sha256\" must be the unpadded base64url SHA-256 digest ("
          + DIGEST_LENGTH + " characters)");
    }
    byte[] digest = Base64Url.decodeOrNull(sha256);
    if (digest == null || digest.length != 32) {
      throw new IllegalArgumentException("image \"sha256\" is not canonical base64url of a 32-byte digest");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("image \"size\" must be 1.." + MAX_SIZE + " bytes");
    }
    return new BatchImage(sha256, size);
  }

  /**
   * The reference to the image file {@code content} (its digest and length).
   *
   * @throws IllegalArgumentException {@code content} is empty
   */
  public static BatchImage ofContent(byte[] content) {
    if (content == null || content.length == 0) {
      throw new IllegalArgumentException("image content must not be empty");
    }
    return new BatchImage(Digests.sha256Base64Url(content), content.length);
  }

  /** The image's SHA-256 digest, unpadded base64url (43 characters). */
  public String sha256() {
    return sha256;
  }

  /** The image's size in bytes. */
  public long size() {
    return size;
  }

  /** True if {@code content} is the image this references (same length and digest). */
  public boolean matches(byte[] content) {
    return content != null && content.length == size
        && MessageDigest.isEqual(Digests.sha256(content), Base64Url.decodeOrNull(sha256));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchImage && ((BatchImage) o).size == size && ((BatchImage) o).sha256.equals(sha256);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode() * 31 + Long.hashCode(size);
  }

  @Override
  public String toString() {
    return "BatchImage{sha256=" + sha256 + ", " + size + " bytes}";
  }
}
