package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.testing.ClassFileVersions;
import org.junit.jupiter.api.Test;

class BytecodeLevelTest {
  @Test
  void everyMainClass_targetsJava8() throws Exception {
    assertThat(ClassFileVersions.requiredMajor()).isEqualTo(52);
    assertThat(ClassFileVersions.classCount(ClassFileVersions.mainClassesDir())).isPositive();
    assertThat(ClassFileVersions.classesNotAt(ClassFileVersions.mainClassesDir(), 52)).isEmpty();
  }
}
