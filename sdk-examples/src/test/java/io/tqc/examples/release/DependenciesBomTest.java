package io.tqc.examples.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The {@code tqc-dependencies} BOM promises consumers the third-party versions this build is tested
 * with: every version it pins must be the one the root pom manages.
 */
class DependenciesBomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyThirdPartyPin_matchesTheVersionTheBuildIsTestedWith() throws Exception {
    Map<String, String> published = managed(Files.readString(ROOT.resolve("sdk-dependencies/pom.xml")));
    Map<String, String> tested = managed(Files.readString(ROOT.resolve("pom.xml")));

    assertThat(published).containsKeys("com.squareup.okhttp3:okhttp-bom", "com.squareup.okio:okio-jvm",
        "org.jetbrains.kotlin:kotlin-bom", "com.squareup.moshi:moshi", "org.bouncycastle:bcprov-jdk18on",
        "io.github.resilience4j:resilience4j-retry", "io.github.resilience4j:resilience4j-circuitbreaker",
        "io.github.resilience4j:resilience4j-core");
    assertThat(drift(published, tested)).isEmpty();
  }

  @Test
  void aPinThatDriftsFromTheBuild_isReported() throws Exception {
    String bom = pom("<properties><moshi.version>1.15.1</moshi.version></properties>",
        dep("com.squareup.moshi", "moshi", "${moshi.version}"));
    String build = pom("<properties><moshi.version>1.15.2</moshi.version></properties>",
        dep("com.squareup.moshi", "moshi", "${moshi.version}"));

    assertThat(drift(managed(bom), managed(build)))
        .containsExactly(Map.entry("com.squareup.moshi:moshi", "BOM 1.15.1, build 1.15.2"));
  }

  /** The pins of {@code bom} (io.tqc ones aside) whose version the build does not manage identically. */
  static Map<String, String> drift(Map<String, String> bom, Map<String, String> build) {
    Map<String, String> out = new TreeMap<>();
    bom.forEach((ga, version) -> {
      if (!ga.startsWith("io.tqc:") && !version.equals(build.get(ga))) {
        out.put(ga, "BOM " + version + ", build " + build.get(ga));
      }
    });
    return out;
  }

  /** groupId:artifactId → version (properties resolved) of a pom's dependencyManagement. */
  static Map<String, String> managed(String pomXml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(pomXml.getBytes(StandardCharsets.UTF_8)));
    Element project = doc.getDocumentElement();
    Map<String, String> properties = new LinkedHashMap<>();
    Element props = child(project, "properties");
    if (props != null) {
      NodeList list = props.getChildNodes();
      for (int i = 0; i < list.getLength(); i++) {
        if (list.item(i) instanceof Element e) {
          properties.put(e.getTagName(), e.getTextContent().trim());
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    Element dm = child(project, "dependencyManagement");
    NodeList deps = child(dm, "dependencies").getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      String ga = text(d, "groupId") + ":" + text(d, "artifactId");
      if (text(d, "type") != null && !"pom".equals(text(d, "type"))) {
        continue;
      }
      out.put(ga, resolve(text(d, "version"), properties));
    }
    return out;
  }

  private static String resolve(String value, Map<String, String> properties) {
    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
    }
    return m.appendTail(sb).toString();
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  private static String pom(String properties, String dependencies) {
    return "<project>" + properties + "<dependencyManagement><dependencies>" + dependencies
        + "</dependencies></dependencyManagement></project>";
  }

  private static String dep(String group, String artifact, String version) {
    return "<dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>"
        + version + "</version></dependency>";
  }
}
