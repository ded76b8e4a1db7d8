package io.tqc.relay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.key.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSigningKeyStoreTest {
  @TempDir
  Path dir;

  @Test
  void saveThenLoad_roundTripsKeysAndRotationState() throws Exception {
    FileSigningKeyStore store = new FileSigningKeyStore(dir.resolve("keys/signing-keys.json"));
    assertThat(store.load()).isEmpty();
    SigningKey old = SigningKey.generate();
    SigningKey current = SigningKey.generate();
    Instant t = Instant.parse("2026-11-28T03:00:00Z");
    store.save(List.of(new StoredSigningKey(old, t, t.plusSeconds(60), t.plusSeconds(700)),
        new StoredSigningKey(current, t.plusSeconds(60), null, null)));
    List<StoredSigningKey> loaded = new FileSigningKeyStore(dir.resolve("keys/signing-keys.json")).load();
    assertThat(loaded).hasSize(2);
    assertThat(loaded.get(0).key().keyId()).isEqualTo(old.keyId());
    assertThat(loaded.get(0).removeAfter()).isEqualTo(t.plusSeconds(700));
    assertThat(loaded.get(1).active()).isTrue();
    byte[] message = "m".getBytes(StandardCharsets.UTF_8);
    assertThat(current.verificationKey().verify(message, loaded.get(1).key().sign(message))).isTrue();
  }

  @Test
  void keyFile_isOwnerOnly() throws Exception {
    Path file = dir.resolve("signing-keys.json");
    new FileSigningKeyStore(file).save(List.of(new StoredSigningKey(SigningKey.generate(), Instant.now(), null, null)));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.exists(dir.resolve("signing-keys.json.tmp"))).isFalse();
  }

  @Test
  void corruptFile_isRefused() throws Exception {
    Path file = dir.resolve("signing-keys.json");
    Files.write(file, "{\"keys\":[{\"jwk\":{}}]}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> new FileSigningKeyStore(file).load()).isInstanceOf(IOException.class);
  }
}
