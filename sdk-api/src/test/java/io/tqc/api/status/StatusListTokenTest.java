package io.tqc.api.status;

import static io.tqc.api.testing.Jose.map;
import static io.tqc.api.testing.Rejections.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.testing.Jose;
import io.tqc.api.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusListTokenTest {
  static final String RELAY = "https://relay.example.kr";
  static final String URI = RELAY + "/v1/status-lists/0";
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final SigningKey RELAY_KEY = TestKeys.fromSeed(1);
  static final KeySet KEYS = KeySet.of(RELAY_KEY.verificationKey());

  final StatusList list = new StatusList.Builder(2, 64).set(3, CertificationStatus.SUSPENDED.statusListValue())
      .set(9, CertificationStatus.REVOKED.statusListValue()).build();

  String signed() {
    return StatusListToken.sign(RELAY, URI, list, NOW, Duration.ofHours(1), Duration.ofMinutes(5), RELAY_KEY);
  }

  Map<String, Object> header() {
    return map("alg", "EdDSA", "typ", StatusListToken.TYPE, "kid", RELAY_KEY.keyId());
  }

  Map<String, Object> claims() {
    return map("iss", RELAY, "sub", URI, "iat", NOW.getEpochSecond(), "exp", NOW.getEpochSecond() + 3600,
        "ttl", 300, "status_list", map("bits", 2, "lst", list.encode()));
  }

  @Test
  void signedList_verifiesToTheSameList() throws Exception {
    StatusList verified = StatusListToken.verify(signed(), KEYS, URI, NOW.plusSeconds(3599));

    assertThat(verified).isEqualTo(list);
    assertThat(verified.get(3)).isEqualTo(2);
    assertThat(verified.get(9)).isEqualTo(1);
    assertThat(Jose.part(signed(), 0)).contains("\"typ\":\"statuslist+jwt\"");
    assertThat(Jose.part(signed(), 1)).contains("\"sub\":\"" + URI + "\"").contains("\"ttl\":300");
  }

  @Test
  void handMadeTokenOfTheSameShape_verifies() throws Exception {
    assertThat(StatusListToken.verify(Jose.sign(header(), claims(), RELAY_KEY), KEYS, URI, NOW)).isEqualTo(list);
  }

  @Test
  void listForAnotherUri_isInvalid() {
    assertFails(() -> StatusListToken.verify(signed(), KEYS, RELAY + "/v1/status-lists/1", NOW),
        ReasonCode.STATUS_LIST_INVALID);
  }

  @Test
  void expiredList_isInvalid() {
    assertFails(() -> StatusListToken.verify(signed(), KEYS, URI, NOW.plusSeconds(3600)),
        ReasonCode.STATUS_LIST_INVALID);
  }

  @Test
  void listSignedByAnotherKey_isInvalid() {
    SigningKey other = TestKeys.fromSeed(3);

    assertFails(() -> StatusListToken.verify(signed(), KeySet.of(other.verificationKey()), URI, NOW),
        ReasonCode.STATUS_LIST_INVALID);
    assertFails(() -> StatusListToken.verify(Jose.sign(header(), claims(), other), KEYS, URI, NOW),
        ReasonCode.STATUS_LIST_INVALID);
  }

  @Test
  void malformedTokens_areInvalid() {
    Map<String, Object> none = header();
    none.put("alg", "none");
    Map<String, Object> jwtTyp = header();
    jwtTyp.put("typ", "JWT");
    Map<String, Object> noIat = claims();
    noIat.remove("iat");
    Map<String, Object> stringTtl = claims();
    stringTtl.put("ttl", "300");
    Map<String, Object> numericIss = claims();
    numericIss.put("iss", 1);
    Map<String, Object> extra = claims();
    extra.put("admin", true);
    Map<String, Object> threeBits = claims();
    threeBits.put("status_list", map("bits", 3, "lst", list.encode()));
    Map<String, Object> badLst = claims();
    badLst.put("status_list", map("bits", 2, "lst", "eNrbuRgAAhcBXQ=="));
    Map<String, Object> extraListMember = claims();
    extraListMember.put("status_list", map("bits", 2, "lst", list.encode(), "aggregation_uri", "x"));
    Map<String, Object> noList = claims();
    noList.remove("status_list");

    for (String token : new String[] {"", "a.b.c", Jose.sign(none, claims(), RELAY_KEY),
        Jose.sign(jwtTyp, claims(), RELAY_KEY), Jose.sign(header(), noIat, RELAY_KEY),
        Jose.sign(header(), stringTtl, RELAY_KEY), Jose.sign(header(), numericIss, RELAY_KEY),
        Jose.sign(header(), extra, RELAY_KEY), Jose.sign(header(), threeBits, RELAY_KEY),
        Jose.sign(header(), badLst, RELAY_KEY), Jose.sign(header(), extraListMember, RELAY_KEY),
        Jose.sign(header(), noList, RELAY_KEY), "A".repeat(StatusListToken.MAX_LENGTH + 1)}) {
      assertFails(() -> StatusListToken.verify(token, KEYS, URI, NOW), ReasonCode.STATUS_LIST_INVALID);
    }
  }
}
