package io.tqc.api.key;

import static io.tqc.api.testing.Rejections.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySetTest {
  final VerificationKey current = TestKeys.fromSeed(20).verificationKey();
  final VerificationKey next = TestKeys.fromSeed(21).verificationKey().withKeyId("relay-2027");

  @Test
  void find_looksKeysUpByKid() {
    KeySet set = KeySet.of(current, next);

    assertThat(set.find(current.keyId())).isEqualTo(current);
    assertThat(set.find("relay-2027")).isEqualTo(next);
    assertThat(set.find("relay-2028")).isNull();
    assertThat(set.find(null)).isNull();
    assertThat(set.keys()).containsExactly(current, next);
  }

  @Test
  void jwksDocument_roundTrips() throws Exception {
    KeySet set = KeySet.of(current, next);

    KeySet parsed = KeySet.parse(set.toJson());

    assertThat(parsed.keys()).containsExactly(current, next);
    assertThat(set.toJson()).startsWith("{\"keys\":[{\"kty\":\"OKP\"").doesNotContain("\"d\"");
  }

  @Test
  void rotation_addsTheNewKeyThenRetiresTheOldOne_withoutChangingEarlierSets() {
    KeySet before = KeySet.of(current);

    KeySet during = before.with(next);
    KeySet after = during.without(current.keyId());

    assertThat(before.keys()).containsExactly(current);
    assertThat(during.keys()).containsExactly(current, next);
    assertThat(after.keys()).containsExactly(next);
    assertThat(after.find(current.keyId())).isNull();
  }

  @Test
  void with_replacesAKeyOfTheSameId() {
    VerificationKey impostor = TestKeys.fromSeed(22).verificationKey().withKeyId("relay-2027");

    KeySet set = KeySet.of(next).with(impostor);

    assertThat(set.keys()).containsExactly(impostor);
  }

  @Test
  void of_refusesDuplicateIdsAndTooManyKeys() {
    List<VerificationKey> many = new ArrayList<>();
    for (int i = 0; i <= KeySet.MAX_KEYS; i++) {
      many.add(TestKeys.fromSeed(100 + i).verificationKey());
    }

    assertThatThrownBy(() -> KeySet.of(current, current)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeySet.of(many)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_refusesAnythingButAJwksOfPublicKeysWithKids() {
    String withoutKid = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\""
        + io.tqc.api.internal.Base64Url.encode(current.rawBytes()) + "\"}";
    StringBuilder tooMany = new StringBuilder("{\"keys\":[");
    for (int i = 0; i <= KeySet.MAX_KEYS; i++) {
      tooMany.append(i == 0 ? "" : ",").append(TestKeys.fromSeed(100 + i).verificationKey().toJwk());
    }
    tooMany.append("]}");

    assertFails(() -> KeySet.parse("{\"keys\":[" + withoutKid + "]}"), ReasonCode.KEY_INVALID);
    assertFails(() -> KeySet.parse("{\"keys\":[" + current.toJwk() + "," + current.toJwk() + "]}"),
        ReasonCode.KEY_INVALID);
    assertFails(() -> KeySet.parse("{\"keys\":[" + TestKeys.fromSeed(20).exportPrivateJwk() + "]}"),
        ReasonCode.KEY_INVALID);
    assertFails(() -> KeySet.parse(tooMany.toString()), ReasonCode.KEY_INVALID);
    assertFails(() -> KeySet.parse("{\"keys\":{}}"), ReasonCode.KEY_INVALID);
    assertFails(() -> KeySet.parse("{\"keys\":[1]}"), ReasonCode.KEY_INVALID);
    assertFails(() -> KeySet.parse("{}"), ReasonCode.KEY_INVALID);
    assertFails(() -> KeySet.parse("[]"), ReasonCode.KEY_INVALID);
    assertFails(() -> KeySet.parse(" ".repeat(64 * 1024 + 1)), ReasonCode.KEY_INVALID);
  }

  @Test
  void emptyJwks_isAnEmptySet() throws Exception {
    assertThat(KeySet.parse("{\"keys\":[]}").keys()).isEmpty();
  }

  @Test
  void jwksMembersBesideKeys_areIgnoredAsRfc7517Requires() throws Exception {
    assertThat(KeySet.parse("{\"keys\":[" + next.toJwk() + "],\"issuer\":\"x\"}").keys()).containsExactly(next);
  }

  @Test
  void toString_listsKidsOnly() {
    assertThat(KeySet.of(next).toString()).isEqualTo("KeySet[relay-2027]");
  }
}
