package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.CmaesCheckpoint;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.TinyModel;
import org.worldmodels.util.Json;

/** {@code control}: the contract's mean by default; with --incumbent, kept unless beaten. */
class ControlCommandTest {
  @TempDir Path tmp;

  private List<String> args(Path model, Path initial, String name) {
    return new ArrayList<>(
        List.of(
            "control",
            "--quiet",
            "--model",
            model.toString(),
            "--initial",
            initial.toString(),
            "--population",
            "4",
            "--generations",
            "2",
            "--rollouts",
            "2",
            "--max-steps",
            "3",
            "--seed",
            "5",
            "--out",
            tmp.resolve(name + ".json").toString(),
            "--state",
            tmp.resolve(name + "-state.json").toString()));
  }

  @Test
  void theMeanByDefaultAndTheIncumbentUnlessBeatenWithIncumbent() throws Exception {
    Path initial = Files.createDirectories(tmp.resolve("initial"));
    BadInputCases.writeEpisodes(initial, 4, 12, 1);
    Path model = TinyModel.write(tmp.resolve("model"), BadInputCases.SPEC, 4, 1);

    CliRun plain = CliRun.of(args(model, initial, "plain").toArray(String[]::new));
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    JsonNode line = Json.parseTree(plain.out());
    assertThat(line.fieldNames()).toIterable().containsExactly("dream_mean_return");
    // The contract: the controller written is the final CMA-ES mean.
    assertThat(ControllerFile.read(tmp.resolve("plain.json")).parameters())
        .isEqualTo(CmaesCheckpoint.read(tmp.resolve("plain-state.json")).state().mean());

    List<String> a = args(model, initial, "chosen");
    a.addAll(List.of("--incumbent", tmp.resolve("plain.json").toString()));
    CliRun chosen = CliRun.of(a.toArray(String[]::new));
    assertThat(chosen.exitCode()).as(chosen.err()).isZero();
    JsonNode c = Json.parseTree(chosen.out());
    // The incumbent is this very search's mean: a tie, which keeps the incumbent.
    assertThat(c.get("chosen").asText()).isEqualTo("incumbent");
    assertThat(c.get("dream_mean_return").isNumber()).isTrue();
    assertThat(Files.readAllBytes(tmp.resolve("chosen.json")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("plain.json")));
    // Same search, same state: only the ending differs.
    assertThat(Files.readString(tmp.resolve("chosen-state.json")))
        .isEqualTo(Files.readString(tmp.resolve("plain-state.json")));
  }
}
