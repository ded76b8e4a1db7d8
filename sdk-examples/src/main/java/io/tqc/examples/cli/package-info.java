/** The {@code tqc} command line: keys, tokens, the reference relay, administration, sending and the demo. */
package io.tqc.examples.cli;
