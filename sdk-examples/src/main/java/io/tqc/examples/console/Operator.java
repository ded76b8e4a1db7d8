package io.tqc.examples.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A console login: a name (recorded as the actor of every change the operator makes), a role and a
 * password kept only as a salted PBKDF2-HMAC-SHA256 hash (the JDK's; compared in constant time).
 * {@link #toString()} never shows the hash.
 */
public final class Operator {
  static final int ITERATIONS = 100_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final Role role;
  private final byte[] salt;
  private final byte[] hash;

  private Operator(String name, Role role, byte[] salt, byte[] hash) {
    this.name = name;
    this.role = role;
    this.salt = salt;
    this.hash = hash;
  }

  /**
   * An operator whose password is {@code password} (hashed here; the caller may clear the array
   * afterwards).
   *
   * @throws IllegalArgumentException if the name is not 1 to 64 letters, digits, {@code . _ -} or
   *     the password is shorter than 8 characters
   */
  public static Operator withPassword(String name, Role role, char[] password) {
    Objects.requireNonNull(role, "role");
    if (name == null || !name.matches("[\\p{L}\\p{N}._-]{1,64}")) {
      throw new IllegalArgumentException("operator name must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (password == null || password.length < 8) {
      throw new IllegalArgumentException("operator " + name + ": the password must have at least 8 characters");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new Operator(name, role, salt, pbkdf2(password, salt));
  }

  /** The prefix of a hashed password in a credential line. */
  static final String HASH_PREFIX = "pbkdf2-sha256$";

  /**
   * Operators from credential lines, one a line: {@code name:role:password}, where role is {@code
   * viewer} or {@code operator} and password is either the password itself (hashed here) or a hash
   * made by {@link #credentialLine()} ({@code pbkdf2-sha256$iterations$salt$hash}). Blank lines and
   * lines starting with {@code #} are skipped. This is the format of {@code tqc relay --console}'s
   * operator file (docs/console.md); keep the file readable by the relay's user only.
   *
   * @throws IllegalArgumentException naming the line number (never its password) if a line is bad
   */
  public static java.util.List<Operator> parseCredentials(String text) {
    java.util.List<Operator> operators = new java.util.ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", 3);
      if (parts.length != 3) {
        throw new IllegalArgumentException("operator line " + (i + 1) + ": expected name:role:password");
      }
      Role role;
      try {
        role = Role.valueOf(parts[1].trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("operator line " + (i + 1) + ": role must be viewer or operator");
      }
      String secret = parts[2];
      try {
        operators.add(secret.startsWith(HASH_PREFIX) ? fromHash(parts[0].trim(), role, secret)
            : withPassword(parts[0].trim(), role, secret.toCharArray()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("operator line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return operators;
  }

  private static Operator fromHash(String name, Role role, String encoded) {
    String[] parts = encoded.substring(HASH_PREFIX.length()).split("\\$", -1);
    if (parts.length != 3 || !parts[0].equals(String.valueOf(ITERATIONS))) {
      throw new IllegalArgumentException("the hash must be " + HASH_PREFIX + ITERATIONS + "$salt$hash");
    }
    if (name == null || !name.matches("[\\p{L}\\p{N}._-]{1,64}")) {
      throw new IllegalArgumentException("operator name must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    try {
      byte[] salt = java.util.Base64.getDecoder().decode(parts[1]);
      byte[] hash = java.util.Base64.getDecoder().decode(parts[2]);
      if (salt.length != SALT_BYTES || hash.length != HASH_BITS / 8) {
        throw new IllegalArgumentException("the salt or hash has the wrong length");
      }
      return new Operator(name, role, salt, hash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the hash is not " + HASH_PREFIX + ITERATIONS + "$salt$hash (base64)");
    }
  }

  /**
   * This operator as a credential line with the password hashed ({@code
   * name:role:pbkdf2-sha256$iterations$salt$hash}), for an operator file that holds no password.
   */
  public String credentialLine() {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    return name + ":" + role.name().toLowerCase(java.util.Locale.ROOT) + ":" + HASH_PREFIX + ITERATIONS + "$"
        + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** The operator's name, as recorded in the history of every change. */
  public String name() {
    return name;
  }

  /** The operator's role. */
  public Role role() {
    return role;
  }

  /** True if {@code password} is this operator's (constant time in the hash comparison). */
  boolean matches(char[] password) {
    return MessageDigest.isEqual(pbkdf2(password, salt), hash);
  }

  /** Spends the time of one check, so an unknown name answers as slowly as a wrong password. */
  static void dummyCheck(char[] password) {
    pbkdf2(password, new byte[SALT_BYTES]);
  }

  private static byte[] pbkdf2(char[] password, byte[] salt) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is in every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public String toString() {
    return "Operator{" + name + ", " + role + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Operator && ((Operator) o).name.equals(name) && ((Operator) o).role == role
        && Arrays.equals(((Operator) o).hash, hash);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
