package org.worldmodels.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU a benchmark ran on: its model name and the vector extensions it offers. Figures from
 * different machines (AVX-512 against AVX2 only) are not comparable, so every {@code bench} line
 * carries these beside its numbers.
 *
 * @param model the {@code model name} of {@code /proc/cpuinfo}, or {@code os.arch} elsewhere
 * @param vectorFlags the SIMD extensions among the CPU's flags, in a fixed order
 */
public record MachineInfo(String model, List<String> vectorFlags) {

  /** The extensions reported, in this order: what matters for float32 products. */
  static final List<String> VECTOR_FLAGS =
      List.of(
          "sse4_2",
          "avx",
          "fma",
          "avx2",
          "avx512f",
          "avx512bw",
          "avx512vl",
          "avx512_vnni",
          "avx512_bf16",
          "avx_vnni",
          "amx_tile",
          "amx_bf16");

  /** This machine, read once from {@code /proc/cpuinfo}. */
  public static MachineInfo current() {
    return Holder.CURRENT;
  }

  /** Adds {@code cpu_model} and {@code cpu_flags} (space-separated) to a benchmark's figures. */
  public void putInto(Map<String, Object> figures) {
    figures.put("cpu_model", model);
    figures.put("cpu_flags", String.join(" ", vectorFlags));
  }

  /** Parses the text of a {@code /proc/cpuinfo} file (its first processor's lines). */
  static MachineInfo parse(String cpuinfo) {
    String model = System.getProperty("os.arch");
    Set<String> flags = new TreeSet<>();
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("model name") && model.equals(System.getProperty("os.arch"))) {
        model = value;
      } else if (key.equals("flags") && flags.isEmpty()) {
        flags.addAll(Arrays.asList(value.split("\\s+")));
      }
    }
    List<String> vector = new ArrayList<>();
    for (String f : VECTOR_FLAGS) {
      if (flags.contains(f)) {
        vector.add(f);
      }
    }
    return new MachineInfo(model, List.copyOf(vector));
  }

  private static final class Holder {
    static final MachineInfo CURRENT = read();

    private static MachineInfo read() {
      try {
        return parse(Files.readString(Path.of("/proc/cpuinfo")));
      } catch (IOException | RuntimeException e) {
        return new MachineInfo(System.getProperty("os.arch"), List.of()); // not Linux
      }
    }
  }
}
