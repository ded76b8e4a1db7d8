package io.tqc.examples.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class RecipientCsvTest {
  @Test
  void headerCommentsAndConsent_areRead() throws Exception {
    String csv = "\uFEFFnight_consent,to\n# VIP 고객\n\ntrue,010-1234-5678\n,01098765432\nno, 010 1111 2222 \n";
    assertThat(RecipientCsv.read(new StringReader(csv))).containsExactly(
        new Recipient("010-1234-5678", true), new Recipient("01098765432", false),
        new Recipient("010 1111 2222", false));
  }

  @Test
  void consentColumnIsOptional() throws Exception {
    assertThat(RecipientCsv.read(new StringReader("to\n01012345678\n")))
        .containsExactly(new Recipient("01012345678", false));
  }

  @Test
  void malformedFiles_nameTheLine() {
    assertThatThrownBy(() -> RecipientCsv.read(new StringReader("number\n0101234\n")))
        .hasMessageContaining("line 1").hasMessageContaining("\"to\"");
    assertThatThrownBy(() -> RecipientCsv.read(new StringReader("to,night_consent\n010,true,x\n")))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> RecipientCsv.read(new StringReader("to,night_consent\n010,maybe\n")))
        .hasMessageContaining("line 2").hasMessageContaining("night_consent");
    assertThatThrownBy(() -> RecipientCsv.read(new StringReader("to\n\"010\"\n"))).hasMessageContaining("quoted");
    assertThatThrownBy(() -> RecipientCsv.read(new StringReader("# only a comment\n")))
        .hasMessageContaining("no header");
    assertThatThrownBy(() -> RecipientCsv.read(new StringReader("to\n,\n"))).isInstanceOf(IllegalArgumentException.class);
  }
}
