package org.worldmodels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.worldmodels.control.ControllerFile;
import org.worldmodels.control.ControllerSpec;
import org.worldmodels.control.ModelReference;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.EncoderSpec;
import org.worldmodels.rnn.Checkpoints;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;
import org.worldmodels.vision.ModelVae;
import org.worldmodels.vision.TestVaes;

/** {@code train} on encoded frames keeps its own copy of the VAE and records it in its spec. */
class TrainEncodedTest {
  /** Pixel episodes encoded by a tiny untrained VAE; returns the encoded directory. */
  static Path encoded(Path tmp, String env, int episodes) throws Exception {
    Path data = VaeEncodeCommandTest.collect(tmp, env, episodes, 16);
    Path vae = tmp.resolve("vae-trained");
    TestVaes.write(vae, TestVaes.tiny(), 5);
    Path out = tmp.resolve("encoded");
    CliRun r = VaeEncodeCommandTest.encode(vae, data, out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return out;
  }

  static CliRun train(Path data, Path model) {
    return CliRun.of(
        "train",
        "--data",
        data.toString(),
        "--out",
        model.toString(),
        "--hidden",
        "8",
        "--mixtures",
        "2",
        "--seq-len",
        "6",
        "--batch",
        "4",
        "--steps",
        "3",
        "--quiet");
  }

  @Test
  void theModelKeepsTheVaeAndItsSpecNamesIt(@TempDir Path tmp) throws Exception {
    Path data = encoded(tmp, "pendulum-pixels", 2);
    String sha = DataSpec.read(data.resolve("spec.json")).encoder().sha256();
    Path model = tmp.resolve("model");
    CliRun r = train(data, model);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(ModelVae.sha256(ModelVae.path(model))).isEqualTo(sha);
    DataSpec spec = DataSpec.fromJson(Checkpoints.metadata(model).dataSpec(), "model metadata");
    assertThat(spec.encoder()).isEqualTo(EncoderSpec.vae(sha));
  }

  @Test
  void aMissingOrOtherVaeExitsTwoBeforeWriting(@TempDir Path tmp) throws Exception {
    Path data = encoded(tmp, "pendulum-pixels", 2);
    Path spec = data.resolve("spec.json");
    String text = Files.readString(spec);
    String sha = DataSpec.read(spec).encoder().sha256();
    AtomicFiles.writeString(spec, text.replace(sha, "1".repeat(64)));
    Path model = tmp.resolve("model");
    CliRun other = train(data, model);
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.errLines()).hasSize(1);
    assertThat(other.err()).contains("encoder.sha256 is " + "1".repeat(64));
    assertThat(model).doesNotExist();

    AtomicFiles.writeString(spec, text);
    AtomicFiles.deleteTree(ModelVae.path(data));
    CliRun missing = train(data, model);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.errLines()).hasSize(1);
    assertThat(missing.err()).contains("no vae/ directory");
    assertThat(model).doesNotExist();
  }

  @Test
  void playAndCollectWithAControllerRunInThePixelEnvironment(@TempDir Path tmp) throws Exception {
    Path data = encoded(tmp, "pendulum-pixels", 2);
    Path model = tmp.resolve("model");
    assertThat(train(data, model).exitCode()).isZero();
    DataSpec spec = DataSpec.read(data.resolve("spec.json"));
    ControllerSpec cs = ControllerSpec.linear(3, 8, spec.action());
    double[] p = new SplittableRandom(3).doubles(cs.parameterCount(), -1, 1).toArray();
    Path ctl = tmp.resolve("c.json");
    ControllerFile.of(cs.create(p), ModelReference.of(model)).write(ctl);
    CliRun play =
        CliRun.of(
            "play",
            "--model",
            model.toString(),
            "--controller",
            ctl.toString(),
            "--env",
            "pendulum-pixels",
            "--episodes",
            "1",
            "--quiet");
    assertThat(play.exitCode()).as(play.err()).isZero();
    assertThat(Json.parseTree(play.out()).get("episodes").asInt()).isEqualTo(1);
    Path out = tmp.resolve("collected");
    CliRun collect =
        CliRun.of(
            "collect",
            "--policy",
            ctl.toString(),
            "--model",
            model.toString(),
            "--env",
            "pendulum-pixels",
            "--episodes",
            "1",
            "--out",
            out.toString(),
            "--quiet");
    assertThat(collect.exitCode()).as(collect.err()).isZero();
    DataSpec collected = DataSpec.read(out.resolve("spec.json"));
    assertThat(collected.encoder()).isEqualTo(spec.encoder());
    assertThat(collected.zSize()).isEqualTo(3);
    assertThat(ModelVae.sha256(ModelVae.path(out))).isEqualTo(spec.encoder().sha256());
  }
}
