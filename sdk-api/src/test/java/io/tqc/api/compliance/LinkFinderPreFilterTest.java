package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@link LinkFinder#mayHaveLink}, the one-pass pre-filter that lets a text without links skip the
 * scanner, has a short way for Hangul syllables and ASCII letters and digits. It must answer
 * exactly as the plain rule (every character folded and tested) does.
 */
class LinkFinderPreFilterTest {
  /** What a link can be built from, and the characters the short way must not swallow. */
  private static final String ALPHABET = "가힣닷점광고무료aZ09x.:/ [({)]\u3002\uFF0E\uFF1A\uFF0F\u00B7\u318D\uFF41\uFF10"
      + "\u0430\u03B1-_~\n";

  @Test
  void preFilter_answersAsThePlainRule_onRandomTexts() {
    assertThat(firstDisagreement(LinkFinderPreFilterTest::plainRule)).isNull();
  }

  @Test
  void control_aRuleThatForgetsOneSeparator_isCaught() {
    // A reference that no longer treats 닷 as a dot: the comparison must find a text where it differs.
    Predicate<String> wrong = text -> plainRule(text.replace('닷', '가'));

    assertThat(firstDisagreement(wrong)).isNotNull();
  }

  @Test
  void knownTexts() {
    assertThat(LinkFinder.mayHaveLink("(광고)예시문자 11월 특가! 무료거부 080-123-4567")).isFalse();
    assertThat(LinkFinder.mayHaveLink("(광고) 방문 example닷com")).isTrue();
    assertThat(LinkFinder.mayHaveLink("(광고) 방문 example 점 com")).isTrue();
    assertThat(LinkFinder.mayHaveLink("(광고) 방문 ｅｘａｍｐｌｅ\uFF0Ecom")).isTrue();
    assertThat(LinkFinder.mayHaveLink("(광고) 방문 http\uFF1A//x")).isTrue();
    assertThat(LinkFinder.mayHaveLink("(광고) 방문 가.나")).isFalse();
  }

  private static String firstDisagreement(Predicate<String> reference) {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 200_000; round++) {
      int length = 1 + random.nextInt(12);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String candidate = text.toString();
      if (LinkFinder.mayHaveLink(candidate) != reference.test(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The rule without the short way: every character folded, then tested. */
  private static boolean plainRule(String text) {
    int n = text.length();
    for (int i = 1; i < n; i++) {
      char c = fold(text.charAt(i));
      boolean separator = c == '.' || LinkFinder.isDotLike(c) || c == '닷' || c == '점' || c == '[' || c == '('
          || c == '{';
      if (c == ':' && i + 2 < n && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
        return true;
      }
      if (!separator) {
        continue;
      }
      int before = i - 1;
      while (before > 0 && before >= i - 2 && text.charAt(before) == ' ') {
        before--;
      }
      char previous = fold(text.charAt(before));
      if (previous >= 'a' && previous <= 'z' || previous >= 'A' && previous <= 'Z' || previous >= '0' && previous <= '9'
          || LinkFinder.isForeignLetter(previous)) {
        return true;
      }
    }
    return false;
  }

  private static char fold(char c) {
    return c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c;
  }
}
