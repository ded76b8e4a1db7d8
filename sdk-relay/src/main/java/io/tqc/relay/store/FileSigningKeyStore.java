package io.tqc.relay.store;

import io.tqc.api.TqcException;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.SigningKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the relay's signing keys in one JSON file (by default {@code signing-keys.json} in the data
 * directory), readable by the owner only where the file system supports POSIX permissions. Each
 * save writes a temporary file, forces it to disk and atomically renames it over the old one, so a
 * crash leaves either the old or the new key set, never a torn file.
 *
 * <p>Format: {@code {"keys": [{"jwk": {private JWK with kid}, "created_at": s, "retired_at": s|null,
 * "remove_after": s|null}]}} with times in epoch seconds. The file holds private keys: protect and
 * back it up like any other secret.
 */
public final class FileSigningKeyStore implements SigningKeyStore {
  private static final Set<String> ENTRY_MEMBERS =
      new HashSet<>(Arrays.asList("jwk", "created_at", "retired_at", "remove_after"));
  private final Path file;

  /** A store backed by {@code file} (created on first save). */
  public FileSigningKeyStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  /** The key file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized List<StoredSigningKey> load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Collections.emptyList();
    }
    try {
      return StoredSigningKey.decodeAll(bytes);
    } catch (IOException e) {
      throw new IOException("signing key file " + file + " is not valid: " + e.getMessage());
    }
  }

  @Override
  public synchronized void save(List<StoredSigningKey> keys) throws IOException {
    byte[] bytes = StoredSigningKey.encodeAll(keys);
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    createOwnerOnly(temp);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory(dir);
  }

  private static void createOwnerOnly(Path path) throws IOException {
    try {
      Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
      Files.createFile(path, PosixFilePermissions.asFileAttribute(ownerOnly));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path);
    }
  }

  /** Makes the rename durable (POSIX); a no-op where directories cannot be opened (Windows). */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported on this platform; the rename itself is still atomic.
    }
  }

  @Override
  public String toString() {
    return "FileSigningKeyStore{" + file + "}";
  }
}
