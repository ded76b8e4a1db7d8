package io.tqc.relay.protection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The line format every imported list shares, read once: one entry a line, trimmed; blank lines
 * and {@code #} comments skipped; a bad line is counted and the first ones reported as
 * {@code line N: why} (never the line's content), never fatal: every good line is kept.
 */
final class ListLines {
  /** Takes one trimmed, non-blank entry; false refuses it as a bad line. */
  interface Entry {
    boolean add(String entry);
  }

  /** The first refused lines, {@code line N: why}. */
  final List<String> errors;
  /** Every refused line. */
  final int refused;

  private ListLines(List<String> errors, int refused) {
    this.errors = Collections.unmodifiableList(errors);
    this.refused = refused;
  }

  /** Refuses an import without a version (1-64 characters), publication time or import time. */
  static void checkVersion(String version, Instant publishedAt, Instant importedAt) {
    if (version == null || version.trim().isEmpty() || version.length() > 64 || publishedAt == null || importedAt == null) {
      throw new IllegalArgumentException("version (1-64 characters), publishedAt and importedAt are required");
    }
  }

  /**
   * Hands every entry of {@code lines} to {@code entry}, reporting at most {@code maxReported} of
   * the refused ones as {@code line N: why}. What {@code entry} throws ends the import.
   */
  static ListLines read(Iterable<String> lines, int maxReported, String why, Entry entry) {
    List<String> errors = new ArrayList<>();
    int refused = 0;
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      String trimmed = line == null ? "" : line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (!entry.add(trimmed)) {
        refused++;
        if (errors.size() < maxReported) {
          errors.add("line " + lineNumber + ": " + why);
        }
      }
    }
    return new ListLines(errors, refused);
  }
}
