package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LinkFinderTest {
  static Link only(String text) {
    List<Link> links = Link.find(text);
    assertThat(links).as(text).hasSize(1);
    return links.get(0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "(광고)봄빛마트 https://bomvit.co.kr/event 참고 | bomvit.co.kr | /event",
      "택배 확인 bit.ly/3xYz | bit.ly | /3xYz",
      "www.11st.co.kr 에서 | www.11st.co.kr | ''",
      "naver.com에서 검색하세요 | naver.com | ''",
      "바로가기(https://www.kbstar.com/q?x=1). | www.kbstar.com | /q?x=1",
      "http://한국.kr/a | xn--3e0b707e.kr | /a",
  })
  void plainLinks_areFoundWithHostAndPath(String text, String host, String path) {
    Link link = only(text);
    assertThat(link.host()).isEqualTo(host);
    assertThat(link.path()).isEqualTo(path);
    assertThat(link.isObfuscated()).as(link.toString()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hxxp://cj-logis.xyz/a | cj-logis.xyz | scheme",
      "kbstar . com 접속 | kbstar.com | spaces",
      "kbstar。com/login | kbstar.com | Hangul or ideographic dot",
      "kbstarㆍcom | kbstar.com | Hangul or ideographic dot",
      "ｋｂｓｔａｒ．ｃｏｍ | kbstar.com | full-width",
      "kbstar닷com | kbstar.com | Hangul",
      "kbstar[.]com | kbstar.com | bracketed",
      "https://kbstar.com@evil.example/x | evil.example | user-info",
      "kbstar.com@evil.xyz 로 | evil.xyz | user-info",
      "http://192.168.0.1:8080/x | 192.168.0.1 | numeric",
      "https://xn--80ak6aa92e.com/ | xn--80ak6aa92e.com | Cyrillic",
      "http://kbstаr.com/x | xn--kbstr | Cyrillic",
  })
  void disguisedLinks_areFoundAndMarkedObfuscated(String text, String host, String how) {
    Link link = only(text);
    assertThat(link.host()).startsWith(host);
    assertThat(link.obfuscation()).contains(how);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "문의 help@shop.co.kr 로",
      "3.5% 할인 Vol.2 No.1",
      "정상가 29,000원 → 특가 19.9천원",
      "평일 10:00~19:00 운영. 주차 2시간 무료",
      "ftp://files.example.com/x",
  })
  void textsWithoutLinks_yieldNone(String text) {
    assertThat(Link.find(text)).isEmpty();
  }

  @Test
  void punycodeHost_isDecodedForScreening() {
    Link link = only("https://xn--80ak6aa92e.com/");
    assertThat(link.unicodeHost()).isEqualTo("аррӏе.com");
  }

  @Test
  void arbitraryText_neverThrows() {
    StringBuilder text = new StringBuilder();
    for (char c = 0; c < 0x3100; c += 7) {
      text.append(c).append(".com").append(c).append("://").append(c);
    }
    assertThat(Link.find(text.toString())).isNotNull();
    assertThat(Link.find("")).isEmpty();
  }
}
