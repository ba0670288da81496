package org.worldmodels.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between the packages of {@code org.worldmodels} go one way (docs/architecture.md,
 * "Seams"): read from the compiled classes of {@code src/main} ({@code target/classes}), every
 * package is a node ({@code org.worldmodels} itself too, and {@code rnn.cpu} apart from {@code
 * rnn}) and every class dependency an edge; a cycle is a strongly connected set of two or more
 * packages. A failure lists each cycle with one class dependency per edge in it.
 */
class PackageStructureTest {
  static final String ROOT = "org.worldmodels";

  /** Package -> packages it depends on -> one example dependency ("A -> B"). */
  private static Map<String, Map<String, String>> graph;

  @BeforeAll
  static void readClasses() {
    Path classes = Path.of("target/classes");
    assertThat(Files.isDirectory(classes.resolve("org/worldmodels")))
        .as("compiled classes at " + classes.toAbsolutePath())
        .isTrue();
    JavaClasses imported = new ClassFileImporter().importPath(classes);
    graph = new TreeMap<>();
    for (JavaClass c : imported) {
      String from = c.getPackageName();
      if (!isOurs(from)) {
        continue;
      }
      Map<String, String> out = graph.computeIfAbsent(from, k -> new TreeMap<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = d.getTargetClass().getPackageName();
        if (isOurs(to) && !to.equals(from)) {
          out.putIfAbsent(to, d.getOriginClass().getName() + " -> " + d.getTargetClass().getName());
        }
      }
    }
  }

  private static boolean isOurs(String pkg) {
    return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
  }

  @Test
  void noCycleBetweenPackages() {
    List<Set<String>> cycles = cycles(graph);
    assertThat(cycles).as(describe(cycles)).isEmpty();
  }

  @Test
  void theDetectorFindsACycle() {
    Map<String, Map<String, String>> g = new TreeMap<>();
    g.put("a", Map.of("b", "A -> B"));
    g.put("b", Map.of("c", "B -> C"));
    g.put("c", Map.of("a", "C -> A", "d", "C -> D"));
    g.put("d", Map.of());
    assertThat(cycles(g)).containsExactly(Set.of("a", "b", "c"));
  }

  @Test
  void cpuTuningDependsOnNothingOfOursButUtil() {
    Map<String, String> out = graph.getOrDefault(ROOT + ".rnn.cpu", Map.of());
    assertThat(out.keySet()).as(out.toString()).isSubsetOf(ROOT + ".util");
    assertThat(graph).containsKey(ROOT + ".rnn.cpu");
  }

  /** The strongly connected sets of two or more packages (Tarjan's algorithm), sorted. */
  static List<Set<String>> cycles(Map<String, Map<String, String>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, g, index, low, stack, onStack, out, counter);
      }
    }
    out.sort((a, b) -> a.toString().compareTo(b.toString()));
    return out;
  }

  private static void connect(
      String v,
      Map<String, Map<String, String>> g,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : g.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        connect(w, g, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }

  /** Each cycle's packages and, for each edge inside it, one class dependency. */
  private static String describe(List<Set<String>> cycles) {
    return cycles.stream()
        .map(
            c ->
                "cycle "
                    + c
                    + ":\n"
                    + c.stream()
                        .flatMap(
                            p ->
                                graph.getOrDefault(p, Map.of()).entrySet().stream()
                                    .filter(e -> c.contains(e.getKey()))
                                    .map(e -> "  " + p + " -> " + e.getKey() + ": " + e.getValue()))
                        .collect(Collectors.joining("\n")))
        .collect(Collectors.joining("\n"));
  }
}
