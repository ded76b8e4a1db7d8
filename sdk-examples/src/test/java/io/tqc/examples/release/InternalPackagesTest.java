package io.tqc.examples.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing outside its module uses an {@code internal} package: every {@code io.tqc.….internal} name
 * in a module's main sources (an import or a qualified name) must be a package of that module. The
 * scan reads the sources of every module of the reactor, so a module cannot hide a use from it
 * (wildcard and static imports included).
 *
 * <p>One declared exception ({@link #FRIENDS}): {@code io.tqc.api.internal} (strict JSON, base64url,
 * compact JWS) is shared by the core library modules ({@code tqc-client}, {@code tqc-relay},
 * {@code tqc-relay-postgres}), released in lockstep at one version (sdk-bom); see its package-info.
 * Examples, adapters and starters are not friends; the unpublished benchmarks are not checked.
 */
class InternalPackagesTest {
  private static final Pattern INTERNAL = Pattern.compile("\\bio\\.tqc(?:\\.[a-z0-9_]+)*\\.internal\\b");

  /**
   * Files that still use another module's internals. Empty now that the reference relay's routes
   * and the console read JSON through {@code io.tqc.examples.json}; it only shrinks: a new entry
   * needs a reason in review.
   */
  private static final Set<String> KNOWN = Set.of();

  /** Internal packages shared with named modules of the same release: package to module directories. */
  static final java.util.Map<String, Set<String>> FRIENDS =
      java.util.Map.of("io.tqc.api.internal", Set.of("sdk-client", "sdk-relay", "sdk-relay-postgres"));

  /**
   * Modules not checked: the benchmarks measure internal parts on their own (white-box, unpublished,
   * never a dependency of anything).
   */
  static final Set<String> UNCHECKED = Set.of("sdk-bench");

  @Test
  void noModuleUsesAnotherModulesInternalPackages() {
    List<String> found = violations(Paths.get("..").toAbsolutePath().normalize());

    List<String> unexpected = new ArrayList<>();
    Set<String> files = new TreeSet<>();
    for (String violation : found) {
      String file = violation.substring(0, violation.indexOf(" uses "));
      files.add(file);
      if (!KNOWN.contains(file)) {
        unexpected.add(violation);
      }
    }
    assertThat(unexpected).as("uses of another module's internal package").isEmpty();
    assertThat(files).as("files on the known list that no longer use internals: remove them from KNOWN")
        .containsAll(KNOWN.stream().filter(f -> Files.exists(Paths.get("..", f))).toList());
  }

  @Test
  void theScan_reportsAModuleUsingAnotherModulesInternals(@TempDir Path root) throws IOException {
    write(root.resolve("a/pom.xml"), "<project/>");
    write(root.resolve("a/src/main/java/io/tqc/a/internal/Secret.java"), "package io.tqc.a.internal; class Secret {}");
    write(root.resolve("a/src/main/java/io/tqc/a/Api.java"),
        "package io.tqc.a;\nimport io.tqc.a.internal.Secret;\nclass Api {}");
    write(root.resolve("b/pom.xml"), "<project/>");
    write(root.resolve("b/src/main/java/io/tqc/b/Use.java"),
        "package io.tqc.b;\nclass Use { Object o = io.tqc.a.internal.Secret.class; }");

    assertThat(violations(root)).containsExactly("b/src/main/java/io/tqc/b/Use.java uses io.tqc.a.internal");
  }

  /** {@code "<file> uses <package>"} for every use of an internal package its module does not define. */
  static List<String> violations(Path root) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : (Iterable<Path>) modules.sorted()::iterator) {
        Path sources = module.resolve("src/main/java");
        if (!Files.exists(module.resolve("pom.xml")) || !Files.isDirectory(sources)
            || UNCHECKED.contains(module.getFileName().toString())) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
          files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Set<String> own = new TreeSet<>();
        for (Path file : files) {
          own.add(sources.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), "."));
        }
        for (Path file : files) {
          Matcher m = INTERNAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
          Set<String> used = new TreeSet<>();
          while (m.find()) {
            if (!own.contains(m.group())
                && !FRIENDS.getOrDefault(m.group(), Set.of()).contains(module.getFileName().toString())) {
              used.add(m.group());
            }
          }
          for (String pkg : used) {
            out.add(root.relativize(file).toString().replace('\\', '/') + " uses " + pkg);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
