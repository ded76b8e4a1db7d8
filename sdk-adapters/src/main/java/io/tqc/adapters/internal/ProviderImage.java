package io.tqc.adapters.internal;

import io.tqc.api.batch.BatchImage;

/**
 * An MMS image as a provider references it (the id its upload API returned) and as TQC binds it
 * (digest and size of the exact file uploaded). Immutable.
 */
public final class ProviderImage {
  /** The provider's id of the uploaded file, as text. */
  public final String fileId;
  /** The TQC reference to the same file. */
  public final BatchImage image;

  /** Both required. */
  public ProviderImage(String fileId, BatchImage image) {
    this.fileId = Require.text(fileId, "fileId");
    this.image = Require.present(image, "image");
  }
}
