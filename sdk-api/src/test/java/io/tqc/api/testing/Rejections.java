package io.tqc.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.VerificationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Assertions for refusals: the call must throw the typed TQC exception with exactly the expected
 * reason, and nothing else (no {@link RuntimeException}, no {@link Error}, no other checked type).
 */
public final class Rejections {
  private Rejections() {}

  /** {@code call} throws a {@link VerificationException} with {@code expected}; returns it. */
  public static VerificationException assertRefused(ThrowingCallable call, ReasonCode expected) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected a VerificationException with %s", expected)
        .isInstanceOf(VerificationException.class);
    VerificationException e = (VerificationException) thrown;
    assertThat(e.reason()).as("reason (detail: %s)", e.detail()).isEqualTo(expected);
    return e;
  }

  /** {@code call} throws a {@link TqcException} (any subtype) with {@code expected}; returns it. */
  public static TqcException assertFails(ThrowingCallable call, ReasonCode expected) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected a TqcException with %s", expected).isInstanceOf(TqcException.class);
    TqcException e = (TqcException) thrown;
    assertThat(e.reason()).as("reason (detail: %s)", e.detail()).isEqualTo(expected);
    return e;
  }
}
