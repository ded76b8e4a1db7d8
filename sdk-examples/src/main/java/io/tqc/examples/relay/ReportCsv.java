package io.tqc.examples.relay;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a CSV import of spam reports (RFC 4180, through Commons CSV) into rows that know their line. */
final class ReportCsv {
  private ReportCsv() {}

  /** A refusal of the whole file (malformed quoting, too many rows), naming the line. */
  static final class CsvException extends Exception {
    private static final long serialVersionUID = 1L;

    CsvException(String message) {
      super(message);
    }
  }

  /** One row and the line it starts on (from 1). */
  static final class Row {
    final int line;
    final List<String> fields;

    Row(int line, List<String> fields) {
      this.line = line;
      this.fields = fields;
    }
  }

  /** Every row, header first; at most {@code maxRows} after the header. */
  static List<Row> parse(String text, int maxRows) throws CsvException {
    List<Row> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text),
        format)) {
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        long before = parser.getCurrentLineNumber();
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw new CsvException("line " + (before + 1) + ": malformed CSV (" + e.getMessage() + ")");
        }
        if (rows.size() > maxRows) {
          throw new CsvException("more than " + maxRows + " reports in one import (line " + (before + 1)
              + "); split it");
        }
        List<String> fields = new ArrayList<>();
        for (String field : record) {
          fields.add(field);
        }
        rows.add(new Row((int) before + 1, fields));
      }
    } catch (IOException e) {
      throw new CsvException("malformed CSV: " + e.getMessage());
    }
    return rows;
  }
}
