package io.tqc.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.testing.ResellerIds;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry written before origin codes became the 9-digit registration number is refused at
 * open, naming the rule (docs/relay-guide.md, "Upgrading a data directory"); once the code is
 * corrected it opens again.
 */
class LegacyOriginCodeTest {
  @TempDir
  Path data;

  Relay open() throws Exception {
    return Relay.open(new RelayConfig.Builder().issuer("https://relay.test.kr").dataDirectory(data).build());
  }

  void setOriginCode(ResellerId id, String code) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("relay.db"));
        PreparedStatement update = db.prepareStatement("UPDATE resellers SET origin_code = ? WHERE reseller_id = ?")) {
      update.setString(1, code);
      update.setString(2, id.value());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void legacyOriginCode_refusesToOpen_namingTheRule_andOpensOnceCorrected() throws Exception {
    ResellerId id = ResellerIds.random();
    try (Relay relay = open()) {
      relay.registry().register(new Registration.Builder().id(id).name("A")
          .addKey(SigningKey.generate().verificationKey()).senderNumbers(RelayFixture.SENDERS)
          .originCode("123456789").build(), "kim");
    }
    setOriginCode(id, "EXM24001");
    assertThatThrownBy(this::open).hasMessageContaining("9-digit");
    setOriginCode(id, "987654321");
    try (Relay relay = open()) {
      assertThat(relay.registry().get(id).originCode()).isEqualTo("987654321");
    }
  }
}
