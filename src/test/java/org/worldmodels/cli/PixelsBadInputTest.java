package org.worldmodels.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.worldmodels.data.ActionSpec;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.data.Frames;

/**
 * Bad input around pixel episodes (see {@link BadInputCases}): {@code train} and {@code eval} on
 * frames without {@code z} name {@code vae encode}; {@code collect --frame-size} out of range.
 */
class PixelsBadInputTest extends BadInputCases {

  /** A directory of pixel episodes (frames, state, no z), with or without its spec.json. */
  Path pixelData(String name, boolean withSpec) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("pixels-" + name));
    int t = 5;
    float[][] action = new float[t][2];
    for (int s = 0; s < t; s++) {
      action[s][s % 2] = 1;
    }
    Episode e =
        new Episode(
            null,
            action,
            new float[t],
            new boolean[t],
            new boolean[t],
            new Frames(new byte[(t + 1) * 8 * 8 * 3], t + 1, 8, 8),
            new float[t + 1][4]);
    EpisodeStore.write(dir.resolve(EpisodeStore.fileName(0)), e);
    if (withSpec) {
      EpisodeStore.writeSpec(
          dir, DataSpec.frames(8, 8, new ActionSpec.Discrete(2), 500, "cartpole-pixels"));
    }
    return dir;
  }

  @Override
  List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    for (boolean spec : new boolean[] {true, false}) {
      Path data = pixelData("train-" + spec, spec);
      Path o = out("train-pixels");
      c.add(
          new Case(
              "train on pixel episodes, spec.json " + spec,
              train(data, o),
              o,
              List.of("vae encode", spec ? "spec.json" : "episode_000000.npz")));
      c.add(
          new Case(
              "eval on pixel episodes, spec.json " + spec,
              args("eval", "--model", model, "--data", data),
              null,
              List.of("vae encode")));
    }
    for (int size : new int[] {7, 513, -1}) {
      Path o = out("collect-frames");
      c.add(
          new Case(
              "collect --frame-size " + size,
              args(
                  "collect",
                  "--env",
                  "cartpole-pixels",
                  "--episodes",
                  1,
                  "--frame-size",
                  size,
                  "--out",
                  o,
                  "--quiet"),
              o,
              List.of("--frame-size must be in [8, 512], got " + size)));
    }
    return c;
  }
}
