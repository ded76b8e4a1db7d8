package io.tqc.examples.sender;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads recipients from a small CSV dialect: a header row naming the columns {@code to} (required)
 * and {@code night_consent} (optional, {@code true}/{@code false}, default false), then one
 * recipient per line. Blank lines and lines starting with {@code #} are skipped. Numbers and flags
 * never need quoting, so quoted fields are refused rather than half-understood; recipient lists
 * with names or free text belong in a real CSV library.
 *
 * <pre>
 * to,night_consent
 * 010-1234-5678,true
 * 01098765432,false
 * </pre>
 */
public final class RecipientCsv {
  private RecipientCsv() {}

  /**
   * Parses every recipient.
   *
   * @throws IOException if reading fails
   * @throws IllegalArgumentException naming the line, if the file does not follow the format
   */
  public static List<Recipient> read(Reader reader) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    List<Recipient> recipients = new ArrayList<>();
    int toColumn = -1;
    int consentColumn = -1;
    int columns = 0;
    int number = 0;
    for (String line; (line = lines.readLine()) != null; ) {
      number++;
      String trimmed = line.strip();
      if (number == 1 && trimmed.startsWith("\uFEFF")) {
        trimmed = trimmed.substring(1);
      }
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.indexOf('"') >= 0) {
        throw new IllegalArgumentException("line " + number + ": quoted fields are not supported");
      }
      String[] fields = trimmed.split(",", -1);
      if (toColumn < 0) {
        columns = fields.length;
        for (int i = 0; i < fields.length; i++) {
          String name = fields[i].strip().toLowerCase(Locale.ROOT);
          if (name.equals("to")) {
            toColumn = i;
          } else if (name.equals("night_consent")) {
            consentColumn = i;
          }
        }
        if (toColumn < 0) {
          throw new IllegalArgumentException("line " + number + ": the header must name a \"to\" column");
        }
        continue;
      }
      if (fields.length != columns) {
        throw new IllegalArgumentException("line " + number + ": " + fields.length + " fields, the header has "
            + columns);
      }
      recipients.add(new Recipient(fields[toColumn].strip(),
          consentColumn >= 0 && consent(fields[consentColumn].strip(), number)));
    }
    if (toColumn < 0) {
      throw new IllegalArgumentException("no header row");
    }
    return recipients;
  }

  private static boolean consent(String value, int line) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "y":
      case "1":
        return true;
      case "false":
      case "no":
      case "n":
      case "0":
      case "":
        return false;
      default:
        throw new IllegalArgumentException("line " + line + ": night_consent must be true or false");
    }
  }
}
