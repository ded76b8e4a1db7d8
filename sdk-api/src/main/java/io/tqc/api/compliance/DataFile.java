package io.tqc.api.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the rule data bundled next to this package (UTF-8, one entry a line, {@code #} comments). */
final class DataFile {
  private DataFile() {
  }

  /** The non-blank, non-comment lines of the bundled resource {@code name}, trimmed. */
  static List<String> lines(String name) {
    InputStream in = DataFile.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("bundled rule data " + name + " is missing from the tqc-api jar");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return lines(reader);
    } catch (IOException e) {
      throw new IllegalStateException("bundled rule data " + name + " cannot be read", e);
    }
  }

  /** The non-blank, non-comment lines of {@code text}, trimmed. */
  static List<String> linesOf(String text) {
    try {
      return lines(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringReader does not fail
    }
  }

  private static List<String> lines(Reader reader) throws IOException {
    List<String> out = new ArrayList<>();
    BufferedReader lines = new BufferedReader(reader);
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        out.add(trimmed);
      }
    }
    return out;
  }
}
