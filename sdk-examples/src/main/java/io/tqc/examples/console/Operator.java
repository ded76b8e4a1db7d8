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
