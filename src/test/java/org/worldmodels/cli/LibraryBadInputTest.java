package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.worldmodels.WorldModel;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.rnn.Checkpoints;

/** The library throws the message the command line prints (see {@link BadInputCases}). */
class LibraryBadInputTest extends BadInputCases {
  @Override
  List<Case> cases() {
    return List.of();
  }

  @Test
  void libraryCallsThrowTheMessageTheCommandLinePrints() throws IOException {
    fixtures();
    Path data = dataWith("lib", episode(5, "z", floats(9, 2, 0f)));
    Path o = out("lib");
    CliRun r = CliRun.of(train(data, o));
    assertThatThrownBy(() -> EpisodeStore.load(data))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat("error: " + e.getMessage()).isEqualTo(r.errLines()[0]));

    Path dangling = modelCopy("lib-dangling");
    Files.writeString(
        dangling.resolve(Checkpoints.LATEST), "{\"checkpoint\": \"ckpt-000000042\", \"step\": 42}");
    CliRun d = CliRun.of(dream(dangling, good, out("lib-dream")));
    assertThatThrownBy(() -> WorldModel.load(dangling))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat("error: " + e.getMessage()).isEqualTo(d.errLines()[0]));
    assertThatThrownBy(() -> Checkpoints.load(dangling, true))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat("error: " + e.getMessage()).isEqualTo(d.errLines()[0]));

    Path ctl = tmp.resolve("lib-ctl.json");
    Files.writeString(ctl, "{");
    CliRun p = CliRun.of(dream(model, good, out("lib-ctl"), "--policy", ctl));
    assertThatThrownBy(() -> ControllerFile.read(ctl))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat("error: " + e.getMessage()).isEqualTo(p.errLines()[0]));

    Path huge =
        dataWith("lib-huge", episode(5, "z", rawNpy("<f4", "(1000000, 1000000)", new byte[48])));
    assertThatThrownBy(() -> EpisodeStore.read(huge.resolve(BAD)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BAD)
        .hasMessageContaining("'z'");
  }
}
