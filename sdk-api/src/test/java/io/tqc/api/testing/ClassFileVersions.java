package io.tqc.api.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helper shared by the library modules: reads the class-file major versions a build produced. */
public final class ClassFileVersions {
  private ClassFileVersions() {}

  /** The directory of main classes this test run was built from (set by surefire). */
  public static Path mainClassesDir() {
    return Paths.get(System.getProperty("tqc.classes.dir", "target/classes"));
  }

  /** The major version every main class must have (set by surefire from the POM). */
  public static int requiredMajor() {
    return Integer.parseInt(System.getProperty("tqc.bytecode.major", "52"));
  }

  /** Class files under {@code dir} whose major version differs from {@code major}, as "path=version". */
  public static List<String> classesNotAt(Path dir, int major) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".class"))
          .filter(p -> majorVersion(p) != major)
          .map(p -> dir.relativize(p) + "=" + majorVersion(p))
          .collect(Collectors.toList());
    }
  }

  /** Number of class files under {@code dir}. */
  public static long classCount(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".class")).count();
    }
  }

  static int majorVersion(Path classFile) {
    try (InputStream in = Files.newInputStream(classFile);
        DataInputStream data = new DataInputStream(in)) {
      if (data.readInt() != 0xCAFEBABE) {
        return -1;
      }
      data.readUnsignedShort();
      return data.readUnsignedShort();
    } catch (IOException e) {
      return -1;
    }
  }
}
