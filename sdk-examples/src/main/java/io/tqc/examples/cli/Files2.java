package io.tqc.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** File helpers for the CLI: read a small text file, write a secret with mode 0600. */
final class Files2 {
  private Files2() {}

  static String read(Path path) throws CliException {
    try {
      if (Files.size(path) > 1024 * 1024) {
        throw new CliException(TqcCli.EXIT_USAGE, path + " is larger than 1 MiB");
      }
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot read " + path + ": " + describe(e));
    }
  }

  /**
   * What went wrong, in words: file-system exceptions carry only the path as their message, and
   * network ones often none at all.
   */
  static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof java.nio.file.FileSystemException) {
      String reason = ((java.nio.file.FileSystemException) e).getReason();
      return reason != null ? reason : e.getClass().getSimpleName();
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    if (e instanceof java.net.SocketTimeoutException || e instanceof java.net.http.HttpTimeoutException
        || e instanceof java.io.InterruptedIOException) {
      return "timed out";
    }
    String message = e.getMessage();
    if (message == null || message.isEmpty()) {
      Throwable cause = e.getCause();
      return cause instanceof IOException ? describe((IOException) cause) : e.getClass().getSimpleName();
    }
    return message;
  }

  /** Creates {@code path} with owner-only permissions (0600) before writing the secret into it. */
  static void writeSecret(Path path, String content) throws CliException {
    try {
      try {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(path);
      }
      Files.writeString(path, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new CliException(TqcCli.EXIT_USAGE, path + " already exists; refusing to overwrite a key");
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot write " + path + ": " + describe(e));
    }
  }
}
