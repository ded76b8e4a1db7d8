package io.tqc.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Korean pages keep every section of their English pages: each English heading is mapped
 * explicitly (docs/ko/headings.tsv) to a Korean heading, which must exist on the Korean page.
 */
class KoreanDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Map<String, String> PAGES = new LinkedHashMap<>();

  static {
    PAGES.put("README.md", "README.ko.md");
    PAGES.put("docs/reseller-guide.md", "docs/ko/reseller-guide.md");
    PAGES.put("docs/relay-guide.md", "docs/ko/relay-guide.md");
    PAGES.put("docs/korean-regulation.md", "docs/ko/korean-regulation.md");
  }

  @Test
  void everyEnglishSection_hasItsKoreanSection() throws IOException {
    List<String[]> map = mapping(Files.readAllLines(ROOT.resolve("docs/ko/headings.tsv"), StandardCharsets.UTF_8));
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> page : PAGES.entrySet()) {
      problems.addAll(missing(page.getKey(), read(page.getKey()), page.getValue(), read(page.getValue()), map));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aMissingKoreanSection_orAnUnmappedEnglishSection_isReported() {
    String en = "# Guide\n\n## 1. Keys\n\ntext\n\n```bash\n# not a heading\n```\n\n## 2. Rotation\n";
    String ko = "# 안내서\n\n## 1. 키\n";
    List<String[]> map = mapping(List.of("-- comment", "g.md\t# Guide\tg.ko.md\t# 안내서",
        "g.md\t## 1. Keys\tg.ko.md\t## 1. 키", "g.md\t## 2. Rotation\tg.ko.md\t## 2. 교체"));

    assertThat(missing("g.md", en, "g.ko.md", ko, map))
        .containsExactly("g.ko.md lacks \"## 2. 교체\" (the Korean of g.md's \"## 2. Rotation\")");
    assertThat(missing("g.md", en + "\n## 3. Revocation\n", "g.ko.md", ko + "## 2. 교체\n", map))
        .containsExactly("g.md's heading \"## 3. Revocation\" has no Korean heading in docs/ko/headings.tsv");
  }

  @Test
  void bothLanguages_sayPlainlyThatTheTokenProtocolIsTqcsDesign_notTheGuidelines() throws IOException {
    for (String page : List.of("README.md", "docs/korean-regulation.md", "docs/relay-guide.md")) {
      assertThat(read(page).replaceAll("\\s+", " ")).as(page).contains("not part of the KCC guideline");
    }
    for (String page : List.of("README.ko.md", "docs/ko/korean-regulation.md", "docs/ko/relay-guide.md")) {
      assertThat(read(page).replaceAll("\\s+", " ")).as(page).contains("TQC의 설계")
          .containsPattern("방송통신위원회 가이드라인의 일부가 (아닙니다|아니며)");
    }
  }

  /** Problems of one page pair: unmapped English headings, and mapped Korean headings not on the Korean page. */
  static List<String> missing(String enPage, String en, String koPage, String ko, List<String[]> map) {
    TreeSet<String> koHeadings = new TreeSet<>(headings(ko));
    List<String> problems = new ArrayList<>();
    for (String heading : headings(en)) {
      String[] row = map.stream().filter(r -> r[0].equals(enPage) && r[1].equals(heading)).findFirst().orElse(null);
      if (row == null) {
        problems.add(enPage + "'s heading \"" + heading + "\" has no Korean heading in docs/ko/headings.tsv");
      } else if (!row[2].equals(koPage) || !koHeadings.contains(row[3])) {
        problems.add(koPage + " lacks \"" + row[3] + "\" (the Korean of " + enPage + "'s \"" + heading + "\")");
      }
    }
    return problems;
  }

  static List<String[]> mapping(List<String> lines) {
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("--")) {
        continue;
      }
      String[] row = line.split("\t", -1);
      if (row.length != 4) {
        throw new IllegalArgumentException("docs/ko/headings.tsv: not 4 tab-separated fields: " + line);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The Markdown headings of {@code text}, outside fenced code blocks. */
  static List<String> headings(String text) {
    List<String> out = new ArrayList<>();
    boolean fence = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("```")) {
        fence = !fence;
      } else if (!fence && line.matches("#{1,6} .*")) {
        out.add(line.strip());
      }
    }
    return out;
  }

  private static String read(String page) throws IOException {
    return Files.readString(ROOT.resolve(page), StandardCharsets.UTF_8);
  }
}
