package io.tqc.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.spring.boot.TqcClientAutoConfiguration;
import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/**
 * This module runs the starter's own tests (scanned from its test-jar) on Boot 3: check that the
 * class path really is Boot 3 / Spring 6, and that the starter classes under test are the Java 8
 * ones that are published, not a recompilation.
 */
class RunsOnSpringBoot3Test {
  @Test
  void classPath_isSpringBoot3_andTheStarterIsItsPublishedJava8Build() throws Exception {
    assertThat(SpringBootVersion.getVersion()).startsWith("3.");
    assertThat(SpringVersion.getVersion()).startsWith("6.");
    try (InputStream in = TqcClientAutoConfiguration.class.getResourceAsStream("TqcClientAutoConfiguration.class");
        DataInputStream data = new DataInputStream(in)) {
      assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
      data.readUnsignedShort();
      assertThat(data.readUnsignedShort()).isEqualTo(52);
    }
  }
}
