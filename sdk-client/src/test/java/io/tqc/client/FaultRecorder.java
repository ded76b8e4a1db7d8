package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Digests;
import io.tqc.api.token.CertificationToken;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what a client did under a fault and checks the fault-injection invariants: every
 * certified batch carries a token this relay signed for this reseller and key, with a proof bound
 * to it; every refusal carries the reason code of its type and the refused batch.
 */
final class FaultRecorder implements TqcEventListener {
  final List<CertifiedBatch> certified = new CopyOnWriteArrayList<>();
  final List<TqcClientException> refusals = new CopyOnWriteArrayList<>();
  final List<TqcClientException> refreshFailures = new CopyOnWriteArrayList<>();

  @Override
  public void batchCertified(CertifiedBatch batch) {
    certified.add(batch);
  }

  @Override
  public void failedClosed(TqcClientException refusal) {
    refusals.add(refusal);
  }

  @Override
  public void tokenRefreshFailed(TqcClientException error) {
    refreshFailures.add(error);
  }

  static ReasonCode reasonOfType(TqcClientException e) {
    if (e instanceof NotCertifiedException) {
      return ReasonCode.NOT_CERTIFIED;
    } else if (e instanceof StatusUnavailableException) {
      return ReasonCode.STATUS_UNAVAILABLE;
    } else if (e instanceof CertificationSuspendedException) {
      return ReasonCode.CERTIFICATION_SUSPENDED;
    } else if (e instanceof CertificationRevokedException) {
      return ReasonCode.CERTIFICATION_REVOKED;
    } else if (e instanceof CertificationExpiredException) {
      return ReasonCode.CERTIFICATION_EXPIRED;
    } else if (e instanceof RelayUnavailableException) {
      return ReasonCode.RELAY_UNAVAILABLE;
    }
    return e.reason();
  }

  void assertInvariants(RelayStub relay) throws Exception {
    for (CertifiedBatch batch : certified) {
      CertificationToken token = relay.verifier().verifyToken(batch.token(), Instant.now());
      assertThat(token.claims().subject()).isEqualTo(relay.reseller);
      assertThat(token.claims().keyThumbprint()).isEqualTo(relay.resellerKey.verificationKey().thumbprint());
      assertThat(batch.proof().tokenDigest()).isEqualTo(Digests.sha256Base64Url(batch.token()));
      assertThat(batch.authorizationHeader()).isEqualTo("TQC " + batch.token());
    }
    for (TqcClientException refusal : refusals) {
      assertThat(refusal.reason()).as("reason of %s", refusal).isNotNull().isEqualTo(reasonOfType(refusal));
      assertThat(refusal.getMessage()).startsWith(refusal.reason().code() + ": ");
      assertThat(refusal.refusedBatch()).as("the refused batch comes back").isNotNull();
    }
    for (TqcClientException failure : refreshFailures) {
      assertThat(failure.reason()).as("reason of %s", failure).isNotNull().isEqualTo(reasonOfType(failure));
    }
  }
}
