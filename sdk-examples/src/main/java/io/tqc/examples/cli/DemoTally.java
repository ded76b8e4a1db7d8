package io.tqc.examples.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** What happened to the demo's batches, and the measured times; printed as the summary table. */
final class DemoTally {
  final Map<String, Integer> refusedByClient = new TreeMap<>();
  /** Relay refusals by code, with the HTTP status in the key's value table below. */
  final Map<String, Integer> refusedByRelay = new TreeMap<>();
  final Map<String, Integer> relayStatus = new TreeMap<>();
  int accepted;
  int acceptedMessages;
  long suspensionToRefusalNanos = -1;
  long revocationToRefusalNanos = -1;
  long reinstatementToReadyNanos = -1;

  void accepted(int messages) {
    accepted++;
    acceptedMessages += messages;
  }

  void refusedByClient(String code) {
    refusedByClient.merge(code, 1, Integer::sum);
  }

  void refusedByRelay(String code, int httpStatus) {
    refusedByRelay.merge(code, 1, Integer::sum);
    relayStatus.put(code, httpStatus);
  }

  int refusedByClientTotal() {
    return refusedByClient.values().stream().mapToInt(Integer::intValue).sum();
  }

  int refusedByRelayTotal() {
    return refusedByRelay.values().stream().mapToInt(Integer::intValue).sum();
  }

  int submitted() {
    return accepted + refusedByClientTotal() + refusedByRelayTotal();
  }

  static String millis(long nanos) {
    return nanos < 0 ? "—" : String.format("%.2f ms", nanos / 1e6);
  }

  void print(PrintWriter out, int tokens) {
    String rule = "  " + "─".repeat(66);
    out.println(rule);
    row(out, "batches submitted by the application (전송 시도)", Integer.toString(submitted()));
    row(out, "accepted by the relay, 202 (접수)", accepted + " batches, " + acceptedMessages + " messages");
    row(out, "refused by the client SDK, nothing sent (SDK 차단)", Integer.toString(refusedByClientTotal()));
    refusedByClient.forEach((code, n) -> row(out, "    " + code, Integer.toString(n)));
    row(out, "refused by the relay (중계사 거부)", Integer.toString(refusedByRelayTotal()));
    refusedByRelay.forEach((code, n) -> row(out, "    " + code + " (" + relayStatus.get(code) + ")", Integer.toString(n)));
    row(out, "certification tokens fetched (토큰 발급)", Integer.toString(tokens));
    row(out, "suspension ack → client refusal (정지 전파 시간)", millis(suspensionToRefusalNanos));
    row(out, "reinstatement ack → client ready (재개)", millis(reinstatementToReadyNanos));
    row(out, "revocation ack → client refusal (취소 전파 시간)", millis(revocationToRefusalNanos));
    out.println(rule);
  }

  private static void row(PrintWriter out, String label, String value) {
    out.println("  " + pad(label, 52) + " " + value);
  }

  /** Pads to a display width, counting Hangul and other wide characters as two columns. */
  static String pad(String text, int width) {
    int columns = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      columns += (c >= 0x1100 && c <= 0x115F) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3000 && c <= 0x303F) ? 2 : 1;
    }
    StringBuilder padded = new StringBuilder(text);
    for (int i = columns; i < width; i++) {
      padded.append(' ');
    }
    return padded.toString();
  }
}
