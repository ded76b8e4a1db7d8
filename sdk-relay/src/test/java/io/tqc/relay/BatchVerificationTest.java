package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static io.tqc.relay.RelayFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.compliance.Violation;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchVerificationTest {
  final AtomicReference<ContentPolicy> policy = new AtomicReference<>(ContentPolicy.NONE);
  final RelayFixture fixture;

  BatchVerificationTest() throws Exception {
    fixture = new RelayFixture(b -> b.maxBatchMessages(5).maxBatchBytes(64 * 1024)
        .contentPolicy((batch, claims, sendTime) -> policy.get().check(batch, claims, sendTime)));
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void validBatch_isAcceptedAndAuditedDurably() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body();
    String proof = m.proof(token, body, 2);
    AcceptedBatch accepted = fixture.relay.acceptBatch(token, proof, body);
    AuditRecord record = fixture.store.findAccepted(accepted.batchId());
    assertThat(record).isNotNull();
    assertThat(record.resellerId()).isEqualTo(m.id);
    assertThat(record.certificationId()).isEqualTo(m.record.certificationId());
    assertThat(record.originCode()).isEqualTo("123456789");
    assertThat(record.proof()).isEqualTo(proof);
    assertThat(record.bodyDigest()).isEqualTo(Digests.sha256Base64Url(body));
    assertThat(record.messageCount()).isEqualTo(2);
    assertThat(record.tokenId())
        .isEqualTo(io.tqc.api.token.CertificationToken.decodeUnverified(token).claims().tokenId());
    assertThat(accepted.originCode()).isEqualTo("123456789");
    assertThat(fixture.relay.stats().acceptedBatches()).isEqualTo(1);
  }

  @Test
  void acceptedBatch_carriesTheCommittedRecordItself_notACopy() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body();
    AcceptedBatch accepted = fixture.relay.acceptBatch(token, m.proof(token, body, 2), body);
    // The verifier hands out the relay's public value directly: the record in it is the very
    // instance the store committed, and its batch the one parse of the body.
    assertThat(accepted.record()).isSameAs(fixture.store.findAccepted(accepted.batchId()));
    assertThat(accepted.batch().messageCount()).isEqualTo(2);
    assertThat(accepted.messageCount()).isEqualTo(2);
  }

  @Test
  void liveStatus_suspendedRevokedAndUnknownAreRefused() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    fixture.relay.registry().suspend(m.id, "spam", "kim");
    assertRefused(() -> m.send(token, body()), ReasonCode.CERTIFICATION_SUSPENDED);
    fixture.relay.registry().reinstate(m.id, "ok", "kim");
    assertThat(m.send(token, body()).messageCount()).isEqualTo(2);
    fixture.relay.registry().revoke(m.id, "fraud", "kim");
    assertRefused(() -> m.send(token, body()), ReasonCode.CERTIFICATION_REVOKED);
    String otherCert = fixture.sign(m.claims().certificationId("cert-unknown"));
    RelayFixture.Member fresh = fixture.register();
    String unregistered = fixture.sign(fresh.claims().subject(io.tqc.relay.testing.ResellerIds.random()));
    assertRefused(() -> m.send(otherCert, body()), ReasonCode.CERTIFICATION_UNKNOWN);
    assertRefused(() -> fresh.send(unregistered, body()), ReasonCode.CERTIFICATION_UNKNOWN);
  }

  @Test
  void liveStatus_isReadFromMemory_notFromTheStore() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    fixture.store.failReads(true);
    assertThat(m.send(token, body()).messageCount()).isEqualTo(2);
    fixture.store.failReads(false); // a status change reads the stored record (the authority)
    fixture.relay.registry().suspend(m.id, "spam", "kim");
    fixture.store.failReads(true);
    assertRefused(() -> m.send(token, body()), ReasonCode.CERTIFICATION_SUSPENDED);
  }

  @Test
  void replayedProof_isBatchReplayed() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body();
    String proof = m.proof(token, body, 2);
    fixture.relay.acceptBatch(token, proof, body);
    assertRefused(() -> fixture.relay.acceptBatch(token, proof, body), ReasonCode.BATCH_REPLAYED);
  }

  @Test
  void senderNumberWrittenWithDashes_matchesItsRegisteredDigits() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    assertThat(m.send(token, body("02-1234-5678", 1)).messageCount()).isEqualTo(1);
    assertRefused(() -> m.send(token, body("02-9999-5678", 1)), ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
  }

  @Test
  void refusedProof_cannotBeReplayedLater() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body("0299999999", 1);
    String proof = m.proof(token, body, 1);
    assertRefused(() -> fixture.relay.acceptBatch(token, proof, body), ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
    assertRefused(() -> fixture.relay.acceptBatch(token, proof, body), ReasonCode.BATCH_REPLAYED);
  }

  @Test
  void unregisteredSender_isSenderNumberNotRegistered() throws Exception {
    RelayFixture.Member m = fixture.register();
    assertRefused(() -> m.send(m.token(), body("0299999999", 1)), ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
  }

  @Test
  void tokenWithoutAdvertisingScope_isScopeInsufficient_forAdvertisingOnly() throws Exception {
    RelayFixture.Member m = fixture.register(b -> b.scope(List.of("transactional")));
    String token = m.token();
    assertRefused(() -> m.send(token, body()), ReasonCode.SCOPE_INSUFFICIENT);
    byte[] notice = new io.tqc.api.batch.Batch.Builder().senderNumber(RelayFixture.SENDERS.get(0)).advertising(false)
        .addMessage("01012340000", "배송 안내").build().toJsonBytes();
    assertThat(m.send(token, notice).messageCount()).isEqualTo(1);
  }

  @Test
  void contentPolicy_violationsAreAllReported() throws Exception {
    RelayFixture.Member m = fixture.register();
    policy.set((batch, claims, sendTime) -> {
      List<Violation> found = new ArrayList<>();
      for (int i = 0; i < batch.messageCount(); i++) {
        found.add(Violation.of(ReasonCode.OPT_OUT_MISSING, i, "no 080 opt-out in message " + i));
      }
      return found;
    });
    assertRefused(() -> m.send(m.token(), body(RelayFixture.SENDERS.get(0), 3)), ReasonCode.OPT_OUT_MISSING)
        .satisfies(e -> assertThat(((RelayException) e).violations()).extracting(Violation::messageIndex)
            .containsExactly(0, 1, 2));
  }

  @Test
  void policyReportingTheSameUnregisteredSender_isListedOnce_anotherViolationIsKept() throws Exception {
    RelayFixture.Member m = fixture.register();
    io.tqc.api.compliance.CompliancePolicy law = io.tqc.api.compliance.CompliancePolicy.defaults();
    // A hand-written policy passing the token's numbers: the compliance engine reports the
    // registration rule too, with the very violation the relay's own check builds.
    policy.set((batch, claims, sendTime) -> law.check(batch, claims.senderNumbers(), sendTime).errors());
    assertRefused(() -> m.send(m.token(), body("0299999999", 1)), ReasonCode.SENDER_NUMBER_NOT_REGISTERED)
        .satisfies(e -> assertThat(((RelayException) e).violations()).extracting(Violation::code)
            .containsOnlyOnce(ReasonCode.SENDER_NUMBER_NOT_REGISTERED));
    // Control: a policy's violation of the same code with another detail is its own finding, kept.
    policy.set((batch, claims, sendTime) ->
        List.of(Violation.batch(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, "not on the operator's own list")));
    assertRefused(() -> m.send(m.token(), body("0299999999", 1)), ReasonCode.SENDER_NUMBER_NOT_REGISTERED)
        .satisfies(e -> assertThat(((RelayException) e).violations()).extracting(Violation::detail)
            .hasSize(2).contains("not on the operator's own list"));
  }

  @Test
  void warningOnlyViolationsOfAPolicy_doNotRefuse() throws Exception {
    RelayFixture.Member m = fixture.register();
    io.tqc.api.compliance.CompliancePolicy warnOnly = new io.tqc.api.compliance.CompliancePolicy.Builder()
        .setAll(io.tqc.api.compliance.RuleMode.WARN).build();
    byte[] body = new io.tqc.api.batch.Batch.Builder().senderNumber(RelayFixture.SENDERS.get(0)).advertising(true)
        .advertiser(RelayFixture.ADVERTISER, "02-1234-5678").addMessage("01012340000", "봄 할인 안내")
        .build().toJsonBytes();
    // A policy returning the whole report (warnings in it: no (광고) marker, no opt-out)...
    policy.set((batch, claims, sendTime) -> {
      List<Violation> all = warnOnly.check(batch, null, sendTime).violations();
      assertThat(all).isNotEmpty().allMatch(Violation::warningOnly);
      return all;
    });
    // ...does not refuse the batch with them.
    assertThat(m.send(m.token(), body).messageCount()).isEqualTo(1);
  }

  @Test
  void contentPolicy_receivesClaimsAndSendTime() throws Exception {
    RelayFixture.Member m = fixture.register();
    List<Object> seen = new ArrayList<>();
    policy.set((batch, claims, sendTime) -> {
      seen.add(claims.originCode());
      seen.add(sendTime);
      return List.of();
    });
    m.send(m.token(), body());
    assertThat(seen).containsExactly("123456789", fixture.clock.instant());
  }

  @Test
  void caps_areBatchTooLarge() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    assertRefused(() -> m.send(token, body(RelayFixture.SENDERS.get(0), 6)), ReasonCode.BATCH_TOO_LARGE);
    byte[] huge = new byte[64 * 1024 + 1];
    assertRefused(() -> fixture.relay.acceptBatch(token, m.proof(token, huge, 1), huge), ReasonCode.BATCH_TOO_LARGE);
  }

  @Test
  void bodyDefects_areMalformedOrCountMismatch() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] garbage = "{\"sender_number\":".getBytes(StandardCharsets.UTF_8);
    assertRefused(() -> fixture.relay.acceptBatch(token, m.proof(token, garbage, 1), garbage),
        ReasonCode.BATCH_MALFORMED);
    byte[] body = body();
    assertRefused(() -> fixture.relay.acceptBatch(token, m.proof(token, body, 3), body),
        ReasonCode.BATCH_COUNT_MISMATCH);
  }

  @Test
  void alteredBody_isBatchDigestMismatch() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body();
    String proof = m.proof(token, body, 2);
    body[body.length - 3] ^= 1;
    assertRefused(() -> fixture.relay.acceptBatch(token, proof, body), ReasonCode.BATCH_DIGEST_MISMATCH);
  }

  @Test
  void refusalsRewrappedFromTheVerifierAndTheParser_keepTheirCause() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body();
    String proof = m.proof(token, body, 2);
    body[body.length - 3] ^= 1;
    assertRefused(() -> fixture.relay.acceptBatch(token, proof, body), ReasonCode.BATCH_DIGEST_MISMATCH)
        .cause().isInstanceOfSatisfying(io.tqc.api.VerificationException.class,
            cause -> assertThat(cause.reason()).isEqualTo(ReasonCode.BATCH_DIGEST_MISMATCH));
    byte[] garbage = "{\"sender_number\":".getBytes(StandardCharsets.UTF_8);
    assertRefused(() -> fixture.relay.acceptBatch(token, m.proof(token, garbage, 1), garbage), ReasonCode.BATCH_MALFORMED)
        .cause().isInstanceOf(io.tqc.api.TqcException.class);
    assertRefused(() -> fixture.relay.issueToken("not a reseller id", "x"), ReasonCode.RESELLER_ID_INVALID)
        .cause().isInstanceOf(io.tqc.api.TqcException.class);
  }

  @Test
  void proofByAnotherKey_isProofKeyMismatch() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body();
    String proof = new BatchProofSigner(SigningKey.generate(), RelayFixture.ISSUER)
        .sign(RelayFixture.digest(token), body, 2, fixture.clock.instant()).compact();
    assertRefused(() -> fixture.relay.acceptBatch(token, proof, body), ReasonCode.PROOF_KEY_MISMATCH);
  }

  @Test
  void tokenTimes_areRecheckedOnEveryUseOfACachedToken() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    m.send(token, body());
    fixture.clock.advance(Duration.ofMinutes(11));
    assertRefused(() -> m.send(token, body()), ReasonCode.TOKEN_EXPIRED);
  }

  @Test
  void staleProof_isProofStale() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body();
    String proof = m.proof(token, body, 2);
    fixture.clock.advance(Duration.ofSeconds(61));
    assertRefused(() -> fixture.relay.acceptBatch(token, proof, body), ReasonCode.PROOF_STALE);
  }

  @Test
  void missingCredentials_areMalformed() throws Exception {
    RelayFixture.Member m = fixture.register();
    assertRefused(() -> fixture.relay.acceptBatch(null, "x", body()), ReasonCode.TOKEN_MALFORMED);
    assertRefused(() -> fixture.relay.acceptBatch(m.token(), "", body()), ReasonCode.PROOF_MALFORMED);
    assertRefused(() -> fixture.relay.acceptBatch("a.b.c", "x", body()), ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void rejections_areCountedByReason() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    for (int i = 0; i < 3; i++) {
      assertRefused(() -> m.send(token, body("0299999999", 1)), ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
    }
    assertRefused(() -> fixture.relay.acceptBatch("junk", "junk", body()), ReasonCode.TOKEN_MALFORMED);
    RelayStats stats = fixture.relay.stats();
    assertThat(stats.rejected(ReasonCode.SENDER_NUMBER_NOT_REGISTERED)).isEqualTo(3);
    assertThat(stats.rejected(ReasonCode.TOKEN_MALFORMED)).isEqualTo(1);
    assertThat(stats.rejectedBatches()).hasSize(2);
  }

  @Test
  void auditWriteFailure_isRelayUnavailableAndNothingIsAccepted() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    fixture.store.failWrites(true);
    assertRefused(() -> m.send(token, body()), ReasonCode.RELAY_UNAVAILABLE);
    assertThat(fixture.relay.stats().acceptedBatches()).isZero();
  }

  @Test
  void fullReplayCache_refusesWithRateLimited_ratherThanForgetting() throws Exception {
    try (RelayFixture small = new RelayFixture(b -> b.replayCache(ReplayCache.inMemory(3)))) {
      RelayFixture.Member m = small.register();
      String token = m.token(); // uses one entry for the assertion
      m.send(token, body());
      m.send(token, body());
      assertRefused(() -> m.send(token, body()), ReasonCode.RATE_LIMITED);
      small.clock.advance(Duration.ofMinutes(7));
      String fresh = m.token();
      m.send(fresh, body());
    }
  }

  @Test
  void batchIdReusedAfterTheReplayWindow_isBatchReplayed_notAnInternalError() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    byte[] body = body();
    String batchId = "reusedBatchIdAAAAAAAAA";
    fixture.relay.acceptBatch(token, io.tqc.relay.testing.Proofs.withBatchId(m.key, RelayFixture.ISSUER,
        RelayFixture.digest(token), body, 2, fixture.clock.instant(), batchId), body);
    // The replay cache forgets the id after its window; the audit table still holds it.
    fixture.clock.advance(Duration.ofMinutes(3));
    String again = m.token();
    String reuse = io.tqc.relay.testing.Proofs.withBatchId(m.key, RelayFixture.ISSUER, RelayFixture.digest(again),
        body, 2, fixture.clock.instant(), batchId);
    assertRefused(() -> fixture.relay.acceptBatch(again, reuse, body), ReasonCode.BATCH_REPLAYED);
    assertThat(fixture.relay.auditRecord(batchId).tokenId()).isNotEqualTo(null);
    assertThat(fixture.relay.stats().acceptedBatches()).isEqualTo(1);
    // The reseller is not otherwise affected.
    assertThat(m.send(again, body()).messageCount()).isEqualTo(2);
  }

  @Test
  void storeNotHoldingTheCertificationAsActive_refusesTheBatch_evenIfMemorySaysActive() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    // Another node suspended it in the shared store; this node's memory has not heard yet.
    Reseller stored = fixture.store.findReseller(m.id);
    fixture.store.updateReseller(stored.newBuilder().status(io.tqc.api.status.CertificationStatus.SUSPENDED)
        .sequence(stored.sequence() + 1).build(), new HistoryEntry(m.id, stored.sequence() + 1,
        HistoryEntry.Kind.SUSPENDED, io.tqc.api.status.CertificationStatus.SUSPENDED, "spam", "kim",
        fixture.clock.instant()));
    assertThat(fixture.relay.registry().get(m.id).status()).isEqualTo(io.tqc.api.status.CertificationStatus.ACTIVE);
    assertRefused(() -> m.send(token, body()), ReasonCode.CERTIFICATION_SUSPENDED);
    assertRefused(m::token, ReasonCode.CERTIFICATION_SUSPENDED);
    // Control: with the store's fence off the same batch is accepted, so the refusal above is the fence's.
    fixture.store.fence(false);
    assertThat(m.send(token, body()).messageCount()).isEqualTo(2);
  }
}
