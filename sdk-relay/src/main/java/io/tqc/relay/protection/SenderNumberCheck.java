package io.tqc.relay.protection;

import java.io.IOException;

/**
 * Whether a batch's sender number (발신번호) is in service and not reported stolen: the data KTOA's
 * number-validity service holds (terminated, suspended, unassigned numbers) and KISA's stolen-number
 * list. {@link SenderNumberLists} answers from imported lists in memory; {@link HttpSenderNumberCheck}
 * asks an external service. Implementations must be thread-safe; one that does I/O is called
 * through a cache and a timeout ({@link ScreeningOptions}).
 */
public interface SenderNumberCheck {
  /**
   * The status of {@code digits} (a sender number, digits only).
   *
   * @throws IOException if the status cannot be had (the relay then fails closed unless configured to warn)
   */
  SenderNumberStatus check(String digits) throws IOException;

  /** True if {@link #check} never blocks (answers from memory), so no timeout or cache is needed. */
  default boolean isLocal() {
    return false;
  }
}
