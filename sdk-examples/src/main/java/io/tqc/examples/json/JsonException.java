package io.tqc.examples.json;

/**
 * Input that is not strict JSON, or not of the shape the reader asked for. The message says what is
 * wrong and names the member ({@code "sender_numbers" holds a non-string item}) but never repeats
 * the member's value; {@link #member()} is the member's dotted path, when one is to blame.
 *
 * <p>Not worth retrying: the same bytes fail the same way. A route answers it with a 400.
 */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String member;

  /** A failure of the document as a whole (syntax, encoding, root type). */
  public JsonException(String message) {
    this(message, null);
  }

  /** A failure of one member, {@code member} being its dotted path from the root (or null). */
  public JsonException(String message, String member) {
    super(message);
    this.member = member;
  }

  /** The dotted path of the member to blame ({@code public_jwk.kty}), or null for the whole document. */
  public String member() {
    return member;
  }
}
