package io.tqc.relay.protection;

import io.tqc.api.compliance.Link;
import java.io.IOException;

/**
 * An external URL screening service (for example KISA's pre-send check or a carrier's reputation
 * service), asked about each distinct link of a batch. The relay calls it through a cache and a
 * timeout ({@link ScreeningOptions}); an implementation may block and should throw
 * {@link IOException} when it cannot answer. It must be thread-safe.
 */
public interface UrlScreen {
  /**
   * The service's verdict on {@code link}.
   *
   * @throws IOException if the service cannot answer (the relay then fails closed unless configured to warn)
   */
  UrlVerdict screen(Link link) throws IOException;
}
