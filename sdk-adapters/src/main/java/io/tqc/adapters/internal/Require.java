package io.tqc.adapters.internal;

/** Argument checks with messages that name the bad setting. */
public final class Require {
  private Require() {}

  /** {@code value}, or an exception naming {@code name} if it is null or blank. */
  public static String text(String value, String name) {
    if (value == null || value.trim().isEmpty()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  /** {@code value}, or an exception naming {@code name} if it is null. */
  public static <T> T present(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  /** Checks that {@code count} is 1..{@code max} items of {@code what}. */
  public static void count(int count, int max, String what) {
    if (count < 1 || count > max) {
      throw new IllegalArgumentException(what + " must hold 1 to " + max + " entries (has " + count + ")");
    }
  }
}
