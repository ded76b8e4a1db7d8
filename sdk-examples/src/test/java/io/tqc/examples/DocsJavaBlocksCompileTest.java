package io.tqc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code docs/*.md}, {@code docs/ko/*.md}, {@code README.md} and {@code README.ko.md} compiles against the
 * modules (sdk-examples depends on all of them). The convention, kept simple and strict:
 *
 * <ul>
 *   <li>A block is the body of a method {@code void snippet() throws Exception} of a class that
 *       imports {@link #IMPORTS} on demand. It must be complete statements: a fragment that does
 *       not compile fails the build.
 *   <li>What a block takes from its surroundings is declared in an HTML comment right before the
 *       fence (blank lines allowed between), invisible on GitHub:
 *       <pre>
 * &lt;!-- compile:
 * import: io.tqc.api.compliance.Violation
 * class: interface HttpRequest { String header(String name); }
 * before: Relay relay = null; HttpRequest request = null;
 * --&gt;</pre>
 *       {@code import:} lines are single-type imports (they win over the on-demand ones),
 *       {@code class:} lines go into the class body (helper types and methods), {@code before:}
 *       lines go into the method before the block. A line without a prefix continues the previous
 *       section.
 * </ul>
 */
class DocsJavaBlocksCompileTest {
  static final List<String> IMPORTS = List.of("io.tqc.api", "io.tqc.api.batch", "io.tqc.api.compliance",
      "io.tqc.api.http", "io.tqc.api.key", "io.tqc.api.status", "io.tqc.api.token", "io.tqc.client", "io.tqc.relay",
      "io.tqc.relay.enforcement",
      "io.tqc.examples.relay", "java.nio.charset", "java.nio.file", "java.time", "java.util", "okhttp3");
  static final Pattern FENCE = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
  static final Pattern CONTEXT = Pattern.compile("<!--\\s*compile:((?:(?!-->).)*)-->\\s*\\z", Pattern.DOTALL);

  record Block(Path file, int line, String context, String code) {
    String className() {
      Path parent = file.getParent() == null ? null : file.getParent().getFileName();
      String page = (parent != null && parent.toString().equals("ko") ? "ko_" : "") + file.getFileName();
      String name = page.replaceAll("[^A-Za-z0-9]", "_");
      return "Doc_" + name + "_line" + line;
    }

    String where() {
      Path parent = file.getParent() == null ? null : file.getParent().getFileName();
      return (parent != null && parent.toString().equals("ko") ? "ko/" : "") + file.getFileName() + ":" + line;
    }
  }

  static Path repositoryRoot() {
    Path here = Paths.get("").toAbsolutePath();
    return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
  }

  static List<Path> documents() throws IOException {
    Path root = repositoryRoot();
    List<Path> files = new ArrayList<>();
    // docs/*.md and their translations in docs/ko/.
    try (Stream<Path> docs = Files.walk(root.resolve("docs"), 2)) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    files.add(root.resolve("README.md"));
    files.add(root.resolve("README.ko.md"));
    return files;
  }

  static List<Block> blocks(Path file, String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      int line = (int) text.substring(0, fence.start()).chars().filter(c -> c == '\n').count() + 1;
      Matcher context = CONTEXT.matcher(text.substring(Math.max(0, fence.start() - 2000), fence.start()));
      blocks.add(new Block(file, line, context.find() ? context.group(1) : "", fence.group(1)));
    }
    return blocks;
  }

  /** The compilation unit of a block, following the convention in the class comment. */
  static String source(Block block) {
    StringBuilder imports = new StringBuilder();
    StringBuilder members = new StringBuilder();
    StringBuilder before = new StringBuilder();
    StringBuilder section = before;
    for (String raw : block.context().split("\n")) {
      String line = raw.trim();
      if (line.startsWith("import:")) {
        section = imports;
        line = line.substring("import:".length()).trim();
      } else if (line.startsWith("class:")) {
        section = members;
        line = line.substring("class:".length());
      } else if (line.startsWith("before:")) {
        section = before;
        line = line.substring("before:".length());
      }
      if (line.isEmpty()) {
        continue;
      }
      if (section == imports) {
        for (String type : line.split("[,\\s]+")) {
          if (!type.isEmpty()) {
            imports.append("import ").append(type).append(";\n");
          }
        }
      } else {
        section.append(line).append('\n');
      }
    }
    StringBuilder out = new StringBuilder();
    for (String pkg : IMPORTS) {
      out.append("import ").append(pkg).append(".*;\n");
    }
    out.append(imports);
    out.append("@SuppressWarnings(\"all\")\nclass ").append(block.className()).append(" {\n").append(members)
        .append("void snippet() throws Exception {\n").append(before).append("// ").append(block.where())
        .append('\n').append(block.code()).append("\n}\n}\n");
    return out.toString();
  }

  /**
   * Compiles each block on its own (a syntax error in one must not hide the errors of another);
   * returns one line per error, naming the document and line.
   */
  static List<String> compile(List<Block> blocks, Path out) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> errors = new ArrayList<>();
    List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
        "-proc:none", "-Xlint:none", "-nowarn");
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      for (Block block : blocks) {
        String source = source(block);
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + block.className() + ".java"),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        compiler.getTask(new StringWriter(), files, diagnostics, options, null, List.of(unit)).call();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          if (d.getKind() == Diagnostic.Kind.ERROR) {
            errors.add(block.where() + " (generated line " + d.getLineNumber() + "): "
                + d.getMessage(Locale.ROOT).replaceAll("\\s*\\n\\s*", " | "));
          }
        }
      }
    }
    return errors;
  }

  @Test
  void everyJavaBlockOfTheDocs_compilesAgainstTheModules(@TempDir Path out) throws Exception {
    List<Block> all = new ArrayList<>();
    for (Path file : documents()) {
      all.addAll(blocks(file, Files.readString(file, StandardCharsets.UTF_8)));
    }
    assertThat(all).as("java blocks found in docs/").hasSizeGreaterThanOrEqualTo(15);
    List<String> errors = compile(all, out);
    assertThat(errors).as("doc blocks that do not compile:\n" + String.join("\n", errors)).isEmpty();
  }

  @Test
  void aBlockThatDoesNotCompile_isReportedWithItsDocumentAndLine(@TempDir Path out) throws Exception {
    String doc = "# t\n\n<!-- compile:\nbefore: Relay relay = null;\n-->\n```java\nrelay.noSuchMethod();\n```\n\n"
        + "```java\nString fine = \"ok\";\n```\n\n```java\nfragment(\n```\n";
    List<Block> blocks = blocks(Paths.get("docs", "example.md"), doc);
    assertThat(blocks).extracting(Block::line).containsExactly(6, 10, 14);
    List<String> errors = compile(blocks, out);
    assertThat(errors).isNotEmpty();
    assertThat(errors.stream().map(e -> e.substring(0, e.indexOf(' '))).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("example.md:6", "example.md:14");
  }

  @Test
  void contextComment_supplies_importsMembersAndVariables(@TempDir Path out) throws Exception {
    String doc = "<!-- compile:\nimport: io.tqc.api.compliance.Violation\nclass: static int twice(int x) { return 2 * x; }\n"
        + "before: int n = 2;\n-->\n\n```java\nViolation v = Violation.of(ReasonCode.AD_MARKER_MISSING, twice(n), \"x\");\n```\n";
    assertThat(compile(blocks(Paths.get("docs", "context.md"), doc), out)).isEmpty();
  }
}
