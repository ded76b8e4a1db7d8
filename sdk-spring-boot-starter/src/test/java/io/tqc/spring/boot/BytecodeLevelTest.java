package io.tqc.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.testing.ClassFileVersions;
import org.junit.jupiter.api.Test;

class BytecodeLevelTest {
  @Test
  void everyMainClass_targetsTheModulesRelease() throws Exception {
    int major = ClassFileVersions.requiredMajor();
    assertThat(ClassFileVersions.classCount(ClassFileVersions.mainClassesDir())).isPositive();
    assertThat(ClassFileVersions.classesNotAt(ClassFileVersions.mainClassesDir(), major)).isEmpty();
  }
}
