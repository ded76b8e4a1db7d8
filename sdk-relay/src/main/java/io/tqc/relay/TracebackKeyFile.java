package io.tqc.relay;

import io.tqc.relay.enforcement.TracebackKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The traceback key of a relay with a data directory: base64 in a file readable by the owner only. */
final class TracebackKeyFile {
  private TracebackKeyFile() {}

  static TracebackKey loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] secret = new byte[TracebackKey.MIN_BYTES];
      new SecureRandom().nextBytes(secret);
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      try {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(temp);
      }
      Files.write(temp, (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII),
          StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      try {
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(temp);
      }
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    try {
      return TracebackKey.fromBase64(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("traceback key file " + file + " is invalid: " + e.getMessage());
    }
  }
}
