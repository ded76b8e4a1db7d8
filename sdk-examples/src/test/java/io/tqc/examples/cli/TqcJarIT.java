package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The runnable {@code target/tqc.jar} as {@code mvn package} builds it (run by failsafe after package). */
class TqcJarIT {
  static final Path JAR = Paths.get("target", "tqc.jar");

  @Test
  void manifest_namesTheMainClass_andGrantsNativeAccessForSqlite() throws Exception {
    assertThat(JAR).exists();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Manifest manifest = jar.getManifest();
      Attributes main = manifest.getMainAttributes();
      assertThat(main.getValue("Main-Class")).isEqualTo(TqcCli.class.getName());
      assertThat(main.getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
      assertThat(main.getValue("Implementation-Version")).isNotBlank();
    }
  }

  @Test
  void jar_runs_andPrintsItsVersion() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-jar", JAR.toString(), "--version").redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    process.getInputStream().transferTo(out);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("tqc ").doesNotContain("WARNING");
    assertThat(Files.size(JAR)).isPositive();
  }
}
