package org.worldmodels.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.worldmodels.data.DataSpec;
import org.worldmodels.data.Episode;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.vision.EpisodeEncoder;
import org.worldmodels.vision.ModelVae;
import org.worldmodels.vision.Vae;

/**
 * A pixel run's latents: every collected episode not yet encoded is encoded by V ({@code z} its
 * posterior mean, {@code logvar} beside it, as {@code vae encode} writes them) into {@code
 * encoded/}, which holds V's copy and a spec naming it; then loads every encoded episode for the
 * phases after it. Each file is written atomically, so a killed run encodes only what is missing.
 */
final class EncodePhase implements RunPhase {
  @Override
  public String name() {
    return "encode";
  }

  @Override
  public void run(RunContext run) throws IOException {
    Path out = Files.createDirectories(run.latentDir());
    int total = EpisodeStore.list(run.episodesDir()).size();
    try (Vae vae = Vae.load(run.vaeDir())) {
      if (!Files.isDirectory(ModelVae.path(out))) {
        ModelVae.copy(run.vaeDir(), out, vae.sha256());
      }
      DataSpec frames = EpisodeStore.readSpec(run.episodesDir()).orElseThrow();
      EpisodeStore.writeSpec(out, frames.encodedBy(vae.config().zSize(), vae.sha256()));
      run.progress().start("encode", total);
      for (int i = 0; i < total; i++) {
        Path target = out.resolve(EpisodeStore.fileName(i));
        if (!Files.exists(target)) {
          Episode e = EpisodeStore.read(run.episodesDir().resolve(EpisodeStore.fileName(i)));
          EpisodeEncoder.Encoded enc = EpisodeEncoder.encode(vae, e);
          EpisodeStore.write(target, enc.episode(), enc.logvar());
        }
        run.progress().update(i + 1, "");
      }
      run.progress().finish();
    }
    restore(run, null);
  }

  @Override
  public void restore(RunContext run, JsonNode saved) throws IOException {
    run.setData(EpisodeStore.load(run.latentDir()));
  }
}
