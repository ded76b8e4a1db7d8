/**
 * JMH benchmarks for TQC. Each benchmark class measures a TQC operation side by side with its
 * floor (raw Bouncy Castle Ed25519 + SHA-256 over the same bytes) or an ecosystem equivalent
 * (nimbus-jose-jwt), so results are read as ratios from one run. See docs/performance.md.
 */
package io.tqc.bench;
