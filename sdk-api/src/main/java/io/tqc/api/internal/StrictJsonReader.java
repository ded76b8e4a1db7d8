package io.tqc.api.internal;

import com.squareup.moshi.JsonReader;
import io.tqc.api.internal.Json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull reader over strict JSON for parsers that read a fixed shape straight into their model
 * (no intermediate maps). Typed reads name the member and refuse any other JSON type, {@code null}
 * included. Callers refuse unknown and duplicate members themselves. Every failure is a
 * {@link JsonException}.
 *
 * <p>A single scanner over the bytes, with no copy, no decode to check and no lenient mode: the
 * rules are RFC 8259's and {@link Json}'s, checked in the one pass that reads the tokens.
 *
 * <ul>
 *   <li>UTF-8 (RFC 3629) is validated while scanning: a byte at or above 0x80 is legal only inside
 *       a string, where each sequence is checked as {@link Utf8#isWellFormed} does (no overlong
 *       forms, no encoded surrogates, nothing above U+10FFFF, nothing truncated); no byte order mark.
 *   <li>Strings: no raw control character (below U+0020); escapes exactly {@code \" \\ \/ \b \f \n
 *       \r \t \\uXXXX}; a surrogate escape must be a high one immediately followed by a low one.
 *       A string of plain ASCII is created straight from its byte range; any other is decoded in
 *       the same pass that validates it (no second decode by the JDK), in a loop bounded by the
 *       end of input or the room left in the scratch chars, whichever is nearer (a byte never
 *       yields more than one char), so it checks neither per character. Every string value read is
 *       materialised in full when it is read: nothing is decoded lazily.
 *   <li>Member names: {@link #nextName(Names, String)} compares the bytes of the name with the
 *       names the caller expects (an expected name's bytes followed by the closing quote can only
 *       be that name) and returns its index without making a string; a name with escapes or
 *       non-ASCII characters is decoded and compared as decoded, as the tree parse does.
 *       {@link #nextName()} returns the name (repeated ASCII names share one instance).
 *   <li>Numbers by the RFC grammar ({@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}); the
 *       literals {@code true}, {@code false}, {@code null} exactly (lower case); whitespace is space,
 *       tab, LF, CR. A number literal is at most 40 characters, as in {@link Json}.
 *   <li>Containers nest at most {@link Json#MAX_DEPTH} levels below the root, as in {@link Json}.
 *   <li>{@link #end} refuses anything but whitespace after the root value.
 * </ul>
 *
 * <p>Not thread-safe; one reader per document.
 */
public final class StrictJsonReader {
  // Scopes, as on a JSON pull reader's stack.
  private static final byte EMPTY_DOCUMENT = 0;
  private static final byte NONEMPTY_DOCUMENT = 1;
  private static final byte EMPTY_ARRAY = 2;
  private static final byte NONEMPTY_ARRAY = 3;
  private static final byte EMPTY_OBJECT = 4;
  private static final byte DANGLING_NAME = 5;
  private static final byte NONEMPTY_OBJECT = 6;

  // The token peeked but not consumed; NONE when the next one is still to be scanned.
  private static final int NONE = 0;
  private static final int BEGIN_OBJECT = 1;
  private static final int END_OBJECT = 2;
  private static final int BEGIN_ARRAY = 3;
  private static final int END_ARRAY = 4;
  private static final int TRUE = 5;
  private static final int FALSE = 6;
  private static final int NULL = 7;
  private static final int STRING = 8;
  private static final int NAME = 9;
  private static final int NUMBER = 10;
  private static final int EOF = 11;

  /** Containers allowed on the stack: the root's and {@link Json#MAX_DEPTH} below it. */
  private static final int MAX_CONTAINERS = Json.MAX_DEPTH + 1;

  /** Longest number literal read, as in {@link Json}. */
  static final int MAX_NUMBER_LENGTH = 40;

  /** Names recently read, shared by equal names later in the document (most batches repeat two). */
  private static final int NAME_CACHE = 16;

  private final byte[] in;
  private int pos;
  private final byte[] stack = new byte[MAX_CONTAINERS + 1];
  private int depth;
  private int peeked = NONE;
  /** For a peeked string, name or number: where its bytes start (after the quote for strings). */
  private int valueStart;
  private final String[] names = new String[NAME_CACHE];
  /** Scratch for strings that need decoding (non-ASCII or escaped); grown, never shrunk. */
  private char[] chars = new char[256];

  private StrictJsonReader(byte[] in) {
    this.in = in;
    stack[0] = EMPTY_DOCUMENT;
    depth = 1;
  }

  /** A reader over {@code utf8}; its UTF-8 is checked as the reader goes. */
  public static StrictJsonReader of(byte[] utf8) throws JsonException {
    if (utf8 == null) {
      throw new JsonException("no JSON document");
    }
    return new StrictJsonReader(utf8);
  }

  /** The type of the next token. */
  public JsonReader.Token peek() throws JsonException {
    switch (peeked()) {
      case BEGIN_OBJECT:
        return JsonReader.Token.BEGIN_OBJECT;
      case END_OBJECT:
        return JsonReader.Token.END_OBJECT;
      case BEGIN_ARRAY:
        return JsonReader.Token.BEGIN_ARRAY;
      case END_ARRAY:
        return JsonReader.Token.END_ARRAY;
      case TRUE:
      case FALSE:
        return JsonReader.Token.BOOLEAN;
      case NULL:
        return JsonReader.Token.NULL;
      case STRING:
        return JsonReader.Token.STRING;
      case NAME:
        return JsonReader.Token.NAME;
      case NUMBER:
        return JsonReader.Token.NUMBER;
      default:
        return JsonReader.Token.END_DOCUMENT;
    }
  }

  /** Enters the object that {@code what} must be. */
  public void beginObject(String what) throws JsonException {
    require(BEGIN_OBJECT, what, "an object");
    push(EMPTY_OBJECT);
  }

  /** Leaves the current object. */
  public void endObject() throws JsonException {
    if (peeked() != END_OBJECT) {
      throw unexpected("the end of an object");
    }
    peeked = NONE;
    depth--;
  }

  /** Enters the array that {@code what} must be. */
  public void beginArray(String what) throws JsonException {
    require(BEGIN_ARRAY, what, "an array");
    push(EMPTY_ARRAY);
  }

  /** Leaves the current array. */
  public void endArray() throws JsonException {
    if (peeked() != END_ARRAY) {
      throw unexpected("the end of an array");
    }
    peeked = NONE;
    depth--;
  }

  /** True if the current object or array has another element. */
  public boolean hasNext() throws JsonException {
    int p = peeked();
    return p != END_OBJECT && p != END_ARRAY && p != EOF;
  }

  /** The next member name. */
  public String nextName() throws JsonException {
    if (peeked() != NAME) {
      throw unexpected("a member name");
    }
    peeked = NONE;
    return readString(true);
  }

  /**
   * The next member name, which must be one of {@code expected}: its index there. The bytes of a
   * plain ASCII name are compared with the expected names' (no string is made); a name written
   * with escapes or non-ASCII characters is decoded first and compared as decoded, so
   * {@code "\\u0074o"} is {@code "to"} as in the tree parse. Any other name is refused as
   * "{@code what} has member ... which is not allowed".
   */
  public int nextName(Names expected, String what) throws JsonException {
    if (peeked() != NAME) {
      throw unexpected("a member name");
    }
    peeked = NONE;
    byte[] b = in;
    int n = b.length;
    int start = valueStart;
    // An expected name's bytes followed by the closing quote are that name: they hold no quote,
    // backslash or non-ASCII byte, so nothing else can be written with them.
    byte[][] ascii = expected.ascii;
    for (int k = 0; k < ascii.length; k++) {
      byte[] candidate = ascii[k];
      int end = start + candidate.length;
      if (end < n && b[end] == '"' && regionEquals(b, start, candidate)) {
        pos = end + 1;
        return k;
      }
    }
    int i = start;
    while (i < n) {
      byte c = b[i];
      if (c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      i++;
    }
    String name;
    if (i < n && b[i] == '"') {
      pos = i + 1;
      name = latin1(start, i - start);
    } else {
      name = decode(start, i);
      String[] names = expected.names;
      for (int k = 0; k < names.length; k++) {
        if (names[k].equals(name)) {
          return k;
        }
      }
    }
    throw new JsonException(what + " has member \"" + Json.sanitize(name) + "\" which is not allowed");
  }

  private static boolean regionEquals(byte[] b, int start, byte[] candidate) {
    for (int k = 0; k < candidate.length; k++) {
      if (b[start + k] != candidate[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The member names a parser accepts at one level, in the order whose indexes
   * {@link #nextName(Names, String)} returns. Immutable; make one per shape, once.
   */
  public static final class Names {
    private final String[] names;
    private final byte[][] ascii;

    private Names(String[] names) {
      this.names = names.clone();
      this.ascii = new byte[names.length][];
      for (int k = 0; k < names.length; k++) {
        String name = names[k];
        for (int j = 0; j < name.length(); j++) {
          char c = name.charAt(j);
          if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
            throw new IllegalArgumentException("member names here are printable ASCII without quote or backslash");
          }
        }
        ascii[k] = name.getBytes(StandardCharsets.US_ASCII);
      }
    }

    /** The names {@code names}, in order. */
    public static Names of(String... names) {
      return new Names(names);
    }

    /** The name at {@code index}. */
    public String get(int index) {
      return names[index];
    }
  }

  /** The next value, which must be a string (member {@code name}). */
  public String nextString(String name) throws JsonException {
    require(STRING, name, "a string");
    return readString(false);
  }

  /** The next value, which must be {@code true} or {@code false} (member {@code name}). */
  public boolean nextBoolean(String name) throws JsonException {
    int p = peeked();
    if (p != TRUE && p != FALSE) {
      throw wrongType(p, name, "a boolean");
    }
    peeked = NONE;
    return p == TRUE;
  }

  /**
   * The next value, which must be a JSON integer literal (an optional minus sign and digits: no
   * fraction, no exponent) in {@code [min, max]} (member {@code name}).
   */
  public long nextLong(String name, long min, long max) throws JsonException {
    String literal = nextNumberLiteral(name);
    int start = literal.startsWith("-") ? 1 : 0;
    boolean digits = literal.length() > start && literal.length() - start <= 19;
    for (int i = start; digits && i < literal.length(); i++) {
      digits = literal.charAt(i) >= '0' && literal.charAt(i) <= '9';
    }
    if (!digits) {
      throw new JsonException(name + " is not an integer literal");
    }
    long value;
    try {
      value = Long.parseLong(literal);
    } catch (NumberFormatException e) {
      throw new JsonException(name + " is not an integer in range");
    }
    if (value < min || value > max) {
      throw new JsonException(name + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  /** Requires the end of the document (no trailing data). */
  public void end() throws JsonException {
    if (peeked() != EOF) {
      throw new JsonException("trailing data after the JSON value");
    }
  }

  /** The next value, which must be a number: its literal exactly as written. */
  String nextNumberLiteral(String name) throws JsonException {
    require(NUMBER, name, "a number");
    return new String(in, valueStart, pos - valueStart, StandardCharsets.US_ASCII);
  }

  /** Consumes the next value, which must be {@code null}. */
  void nextNull(String name) throws JsonException {
    if (peeked() != NULL) {
      throw new JsonException(name + " is not null");
    }
    peeked = NONE;
  }

  private void require(int expected, String what, String description) throws JsonException {
    int p = peeked();
    if (p != expected) {
      throw wrongType(p, what, description);
    }
    peeked = NONE;
  }

  private static JsonException wrongType(int actual, String what, String description) {
    if (actual == NAME || actual == END_OBJECT || actual == END_ARRAY || actual == EOF) {
      return new JsonException("invalid JSON: expected " + description + " for " + what);
    }
    return new JsonException(what + " is " + (actual == NULL ? "null" : "not " + description));
  }

  private JsonException unexpected(String expected) {
    return new JsonException("invalid JSON: expected " + expected + " at offset " + pos);
  }

  private JsonException syntax(String what, int at) {
    return new JsonException("invalid JSON: " + what + " at offset " + at);
  }

  private void push(byte scope) throws JsonException {
    if (depth > MAX_CONTAINERS) {
      throw new JsonException("JSON nested deeper than " + Json.MAX_DEPTH);
    }
    stack[depth++] = scope;
  }

  private int peeked() throws JsonException {
    int p = peeked;
    return p != NONE ? p : scan();
  }

  /** Scans the separators before the next token and the token's start; sets {@link #peeked}. */
  private int scan() throws JsonException {
    int top = depth - 1;
    byte scope = stack[top];
    int c;
    switch (scope) {
      case EMPTY_ARRAY:
        stack[top] = NONEMPTY_ARRAY;
        c = nextNonWhitespace();
        if (c == ']') {
          pos++;
          return peeked = END_ARRAY;
        }
        break;
      case NONEMPTY_ARRAY:
        c = nextNonWhitespace();
        if (c == ']') {
          pos++;
          return peeked = END_ARRAY;
        }
        if (c != ',') {
          throw syntax("expected ',' or ']'", pos);
        }
        pos++;
        c = nextNonWhitespace();
        break;
      case EMPTY_OBJECT:
      case NONEMPTY_OBJECT:
        c = nextNonWhitespace();
        if (c == '}') {
          pos++;
          return peeked = END_OBJECT;
        }
        if (scope == NONEMPTY_OBJECT) {
          if (c != ',') {
            throw syntax("expected ',' or '}'", pos);
          }
          pos++;
          c = nextNonWhitespace();
        }
        if (c != '"') {
          throw syntax("expected a member name", pos);
        }
        stack[top] = DANGLING_NAME;
        valueStart = ++pos;
        return peeked = NAME;
      case DANGLING_NAME:
        c = nextNonWhitespace();
        if (c != ':') {
          throw syntax("expected ':'", pos);
        }
        pos++;
        stack[top] = NONEMPTY_OBJECT;
        c = nextNonWhitespace();
        break;
      case EMPTY_DOCUMENT:
        stack[top] = NONEMPTY_DOCUMENT;
        c = nextNonWhitespace();
        break;
      default: // NONEMPTY_DOCUMENT
        c = nextNonWhitespace();
        if (c != -1) {
          throw syntax("trailing data after the JSON value", pos);
        }
        return peeked = EOF;
    }
    return peeked = value(c);
  }

  private int value(int c) throws JsonException {
    switch (c) {
      case '{':
        pos++;
        return BEGIN_OBJECT;
      case '[':
        pos++;
        return BEGIN_ARRAY;
      case '"':
        valueStart = ++pos;
        return STRING;
      case 't':
        literal("true");
        return TRUE;
      case 'f':
        literal("false");
        return FALSE;
      case 'n':
        literal("null");
        return NULL;
      case -1:
        throw syntax("unexpected end of input", pos);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
          return NUMBER;
        }
        throw syntax("unexpected character", pos);
    }
  }

  private void literal(String word) throws JsonException {
    int n = word.length();
    if (pos + n > in.length) {
      throw syntax("unexpected end of input", pos);
    }
    for (int i = 1; i < n; i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw syntax("unexpected character", pos);
      }
    }
    pos += n;
  }

  /** Scans a number by the RFC 8259 grammar; {@link #valueStart} to {@link #pos} is its literal. */
  private void number() throws JsonException {
    byte[] b = in;
    int n = b.length;
    int i = pos;
    valueStart = i;
    if (b[i] == '-') {
      i++;
    }
    if (i < n && b[i] == '0') {
      i++;
    } else if (i < n && b[i] >= '1' && b[i] <= '9') {
      i = digits(i + 1);
    } else {
      throw syntax("invalid number", valueStart);
    }
    if (i < n && b[i] == '.') {
      int start = ++i;
      i = digits(i);
      if (i == start) {
        throw syntax("invalid number", valueStart);
      }
    }
    if (i < n && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < n && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int start = i;
      i = digits(i);
      if (i == start) {
        throw syntax("invalid number", valueStart);
      }
    }
    if (i - valueStart > MAX_NUMBER_LENGTH) {
      throw new JsonException("number literal too long");
    }
    pos = i;
  }

  private int digits(int i) {
    byte[] b = in;
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  private int nextNonWhitespace() {
    byte[] b = in;
    int i = pos;
    while (i < b.length) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        pos = i;
        return c & 0xFF;
      }
      i++;
    }
    pos = i;
    return -1;
  }

  /**
   * Reads the string whose bytes start at {@link #valueStart} (just after its opening quote):
   * validates it, advances past the closing quote and returns its value. A run of plain ASCII
   * (the usual name or number) becomes a string straight from its bytes; anything else is decoded
   * and validated in one pass by {@link #decode}.
   */
  private String readString(boolean name) throws JsonException {
    byte[] b = in;
    int n = b.length;
    int start = valueStart;
    int i = start;
    while (i < n) {
      byte c = b[i];
      // One compare rules out the control characters and every byte of a multi-byte sequence. The
      // same loop opens nextName(Names); as one shared method it measured 1.2-1.5x slower at
      // 1,000 messages (interleaved A/B, 2026-12-02), so each keeps its own copy.
      if (c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      i++;
    }
    if (i < n && b[i] == '"') {
      pos = i + 1;
      return name ? cachedName(start, i - start) : latin1(start, i - start);
    }
    return decode(start, i);
  }

  @SuppressWarnings("deprecation") // the ASCII bytes are the chars: no decoder needed
  private String latin1(int start, int length) {
    return new String(in, 0, start, length);
  }

  /** An ASCII name: the instance read earlier if the same bytes were, else a new one remembered. */
  private String cachedName(int start, int length) {
    byte[] b = in;
    int slot = length == 0 ? 0 : (length * 31 + b[start]) & (NAME_CACHE - 1);
    String cached = names[slot];
    if (cached != null && cached.length() == length) {
      int k = 0;
      while (k < length && cached.charAt(k) == b[start + k]) {
        k++;
      }
      if (k == length) {
        return cached;
      }
    }
    String name = latin1(start, length);
    names[slot] = name;
    return name;
  }

  /**
   * Decodes the rest of the string that starts at {@code start}, its bytes before {@code i} plain
   * ASCII: UTF-8 sequences (checked as {@link Utf8#isWellFormed} does: no overlong forms, no encoded
   * surrogates, nothing above U+10FFFF, nothing truncated) and escapes into the reader's scratch
   * chars, then one string from them.
   */
  private String decode(int start, int i) throws JsonException {
    byte[] b = in;
    int n = b.length;
    char[] out = chars;
    int len = i - start;
    if (out.length < len + 16) {
      out = chars = new char[Math.max(len + 16, out.length * 2)];
    }
    for (int k = 0; k < len; k++) {
      out[k] = (char) b[start + k];
    }
    // Each byte consumed yields at most one char (a 4-byte sequence two, an escaped surrogate pair
    // two of twelve bytes), so below this limit the loop needs no check of the room left in out.
    int limit = Math.min(n, i + out.length - len - 1);
    while (true) {
      if (i >= limit) {
        if (i >= n) {
          throw syntax("unterminated string", start - 1);
        }
        out = chars = Arrays.copyOf(out, out.length * 2);
        limit = Math.min(n, i + out.length - len - 1);
      }
      int c = b[i];
      if (c >= 0x20) {
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          i = escape(i, out, len);
          len += escapedLength;
          continue;
        }
        out[len++] = (char) c;
        i++;
      } else if (c >= 0) {
        throw syntax("control character in string", i);
      } else if ((c & 0xF0) == 0xE0) {
        // Three bytes: U+0800..U+FFFF, Hangul syllables (EA..ED leads) among them.
        if (i + 2 >= n) {
          throw new JsonException("not valid UTF-8");
        }
        int b1 = b[i + 1];
        int b2 = b[i + 2];
        int unit = (c & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F);
        // Overlong (E0 80..9F) decodes below U+0800; ED A0..BF decodes to a surrogate.
        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || unit < 0x800 || (unit & 0xF800) == 0xD800) {
          throw new JsonException("not valid UTF-8");
        }
        out[len++] = (char) unit;
        i += 3;
      } else if ((c & 0xE0) == 0xC0) {
        // Two bytes: U+0080..U+07FF (C0 and C1 would be overlong).
        if (i + 1 >= n || c < (byte) 0xC2 || (b[i + 1] & 0xC0) != 0x80) {
          throw new JsonException("not valid UTF-8");
        }
        out[len++] = (char) ((c & 0x1F) << 6 | (b[i + 1] & 0x3F));
        i += 2;
      } else {
        int lead = c & 0xFF;
        if (lead < 0xF0 || lead > 0xF4 || i + 3 >= n) {
          throw new JsonException("not valid UTF-8"); // a stray continuation byte, F5..FF, or truncated
        }
        int b1 = b[i + 1] & 0xFF;
        int b2 = b[i + 2];
        int b3 = b[i + 3];
        // F0: 90..BF (not overlong); F4: 80..8F (not above U+10FFFF); F1..F3: 80..BF.
        if (b1 < (lead == 0xF0 ? 0x90 : 0x80) || b1 > (lead == 0xF4 ? 0x8F : 0xBF) || (b2 & 0xC0) != 0x80
            || (b3 & 0xC0) != 0x80) {
          throw new JsonException("not valid UTF-8");
        }
        int codePoint = (lead & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F);
        out[len++] = Character.highSurrogate(codePoint);
        out[len++] = Character.lowSurrogate(codePoint);
        i += 4;
      }
    }
    pos = i + 1;
    return new String(out, 0, len);
  }

  /** Chars written by the last {@link #escape} (1, or 2 for a surrogate pair). */
  private int escapedLength;

  /**
   * Decodes the escape at {@code i} (a backslash) into {@code out} at {@code at}, setting
   * {@link #escapedLength}; returns the index after it. {@code out} has room for two chars.
   */
  private int escape(int i, char[] out, int at) throws JsonException {
    byte[] b = in;
    if (i + 1 >= b.length) {
      throw syntax("unterminated string", i);
    }
    escapedLength = 1;
    switch (b[i + 1]) {
      case '"':
        out[at] = '"';
        return i + 2;
      case '\\':
        out[at] = '\\';
        return i + 2;
      case '/':
        out[at] = '/';
        return i + 2;
      case 'b':
        out[at] = '\b';
        return i + 2;
      case 'f':
        out[at] = '\f';
        return i + 2;
      case 'n':
        out[at] = '\n';
        return i + 2;
      case 'r':
        out[at] = '\r';
        return i + 2;
      case 't':
        out[at] = '\t';
        return i + 2;
      case 'u': {
        char unit = hex4(i);
        if (Character.isLowSurrogate(unit)) {
          throw new JsonException("string holds an unpaired surrogate");
        }
        if (!Character.isHighSurrogate(unit)) {
          out[at] = unit;
          return i + 6;
        }
        // A high surrogate escape must be followed at once by a low surrogate escape.
        int j = i + 6;
        if (j + 1 >= b.length || b[j] != '\\' || b[j + 1] != 'u') {
          throw new JsonException("string holds an unpaired surrogate");
        }
        char low = hex4(j);
        if (!Character.isLowSurrogate(low)) {
          throw new JsonException("string holds an unpaired surrogate");
        }
        out[at] = unit;
        out[at + 1] = low;
        escapedLength = 2;
        return j + 6;
      }
      default:
        throw syntax("invalid escape sequence", i);
    }
  }

  /** The four hex digits after the {@code \\u} at {@code i}. */
  private char hex4(int i) throws JsonException {
    byte[] b = in;
    if (i + 6 > b.length) {
      throw syntax("unterminated escape sequence", i);
    }
    int value = 0;
    for (int k = i + 2; k < i + 6; k++) {
      int c = b[k];
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        throw syntax("invalid escape sequence", i);
      }
      value = value << 4 | digit;
    }
    return (char) value;
  }
}
