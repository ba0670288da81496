package org.worldmodels.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.worldmodels.WorldModel;
import org.worldmodels.control.ControllerCollect;
import org.worldmodels.control.DreamControlTraining;
import org.worldmodels.control.RealEvaluation;
import org.worldmodels.data.EpisodeStore;
import org.worldmodels.env.Encoder;
import org.worldmodels.env.Envs;
import org.worldmodels.env.IdentityEncoder;
import org.worldmodels.env.NoLatentEncoder;
import org.worldmodels.pipeline.Pipeline;
import org.worldmodels.pipeline.Recipe;
import org.worldmodels.rollout.Collect;
import org.worldmodels.rollout.ExplorationPolicy;
import org.worldmodels.rollout.Policy;
import org.worldmodels.rollout.RandomPolicy;
import org.worldmodels.rollout.RealWorld;
import org.worldmodels.rollout.Rollouts;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Json;
import org.worldmodels.util.OutputDir;
import org.worldmodels.util.Progress;

/**
 * The units of work every engine runs, written once: a block of episodes ({@code collect}, {@code
 * play}), a block of CMA-ES candidates with their rollouts as one batched dream ({@link
 * EngineScorer}), one seed of a sweep. Each unit is a small serializable object holding plain data;
 * what it loads comes from {@link ExecutorCache} where it runs.
 */
final class EngineWork {
  private EngineWork() {}

  /** What one collect block did. */
  record BlockTotals(int episodes, long steps, long crc) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  static Collected collect(Engine engine, CollectJob job) {
    List<BlockTotals> done =
        engine.map(Blocks.of(job.episodes(), engine.slots()), new Collecting(job));
    int episodes = 0;
    long steps = 0;
    List<Long> crcs = new ArrayList<>(done.size());
    for (BlockTotals t : done) {
      episodes += t.episodes();
      steps += t.steps();
      crcs.add(t.crc());
    }
    return new Collected(episodes, steps, crcs);
  }

  static double[] play(Engine engine, PlayJob job) {
    List<double[]> blocks = engine.map(Blocks.of(job.episodes(), engine.slots()), new Playing(job));
    double[] out = new double[job.episodes()];
    int at = 0;
    for (double[] b : blocks) {
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
    return out;
  }

  /** Collects a block: the same files, byte for byte, as {@code collect} on one JVM. */
  private record Collecting(CollectJob job) implements Unit<Blocks.Block, BlockTotals> {
    private static final long serialVersionUID = 1L;

    @Override
    public BlockTotals run(Blocks.Block b) throws IOException {
      Path dir = Path.of(job.dir());
      Rollouts.Totals t;
      if (job.controller() == null) {
        String env = job.env();
        int side = job.frameSize();
        // Recorded as they are, as collect on one JVM records them: vectors as z, frames alone.
        Encoder encoder = Envs.isPixels(env) ? NoLatentEncoder.INSTANCE : IdentityEncoder.INSTANCE;
        try (RealWorld world = RealWorld.open(() -> Envs.make(env, 0, side), 1, encoder)) {
          Policy p =
              ExplorationPolicy.around(
                  new RandomPolicy(world.actionSpace()), world.actionSpace(), job.exploration());
          t = Collect.block(world, world, p, dir, 0, b.start(), b.count(), job.seed(), job.round());
          if (b.start() == 0) {
            Collect.spec(world, dir);
          }
        }
      } else {
        t = ControllerCollect.block(job.request(), dir, 0, b.start(), b.count());
      }
      CRC32 crc = new CRC32();
      byte[] buf = new byte[1 << 16];
      for (int i = b.start(); i < b.start() + b.count(); i++) {
        try (InputStream in = Files.newInputStream(dir.resolve(EpisodeStore.fileName(i)))) {
          for (int n; (n = in.read(buf)) > 0; ) {
            crc.update(buf, 0, n);
          }
        }
      }
      return new BlockTotals(t.episodes(), t.steps(), crc.getValue());
    }
  }

  /** Plays a block; the controller's memory is plain Java, read per block. */
  private record Playing(PlayJob job) implements Unit<Blocks.Block, double[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public double[] run(Blocks.Block b) {
      return RealEvaluation.play(job.request(), b.start(), b.count(), Progress.NONE);
    }
  }

  /**
   * A block of candidates of one generation, {@code block[c]} being candidate {@code first + c}.
   */
  record CandidateBlock(int first, double[][] block, int generation)
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A loaded model and the request's scorer, kept per JVM. */
  private record Loaded(WorldModel model, DreamControlTraining.Scoring scoring)
      implements AutoCloseable {
    @Override
    public void close() {
      scoring.scorer().close();
      model.close();
    }
  }

  /** Scores a block of candidates as one batched dream, with the model this JVM keeps loaded. */
  record Scoring(ControlJob job) implements Unit<CandidateBlock, double[][]> {
    private static final long serialVersionUID = 1L;

    @Override
    public double[][] run(CandidateBlock b) throws Exception {
      Loaded l =
          ExecutorCache.get(
              job,
              () -> {
                WorldModel m = WorldModel.load(Path.of(job.model()));
                try {
                  return new Loaded(m, DreamControlTraining.scoring(m, job.request()));
                } catch (RuntimeException e) {
                  m.close();
                  throw e;
                }
              });
      DreamControlTraining.Scoring s = l.scoring();
      return s.scorer().scoreBlock(s.spec(), b.block(), b.first(), b.generation());
    }
  }

  /**
   * One seed's run of a recipe, into {@code dir}.
   *
   * @param resume whether {@code dir} holds the run to continue ({@link Pipeline#resume}); if
   *     false, the run starts in it
   */
  record SeedUnit(long seed, String dir, boolean resume) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The unit of {@code recipe}'s run at {@code seed} into {@code dir}, checked on the driver:
     * {@code dir} must be new or empty, or with {@code resumeAllowed} may hold this run.
     *
     * @throws IllegalArgumentException naming {@code dir} otherwise
     */
    static SeedUnit checked(Recipe recipe, Path dir, long seed, boolean resumeAllowed)
        throws IOException {
      boolean resume = resumeAllowed && Pipeline.resumable(recipe, dir, seed);
      if (!resume) {
        OutputDir.requireFresh(dir);
      }
      return new SeedUnit(seed, dir.toAbsolutePath().toString(), resume);
    }
  }

  /** Runs one seed of a recipe; returns its {@code summary.json} as one JSON line. */
  record SeedRun(String recipe) implements Unit<SeedUnit, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String run(SeedUnit u) throws IOException {
      Recipe r = Recipe.read(Path.of(recipe));
      Path dir = Path.of(u.dir());
      if (u.resume()) {
        // A lost attempt of this unit only took the run further; resuming is the same either way.
        return Json.line(Pipeline.resume(r, dir, u.seed(), Progress.NONE));
      }
      // The driver found it new or empty: anything in it is a lost attempt's, which a rerun
      // replaces.
      if (Files.exists(dir)) {
        AtomicFiles.deleteTree(dir);
      }
      return Json.line(Pipeline.run(r, dir, u.seed(), Progress.NONE));
    }
  }

  /** Where seed {@code seed}'s run of a sweep goes: {@code parent/<env>-<seed>}. */
  static Path runDir(Path parent, String env, long seed) {
    return parent.resolve(env + "-" + seed);
  }
}
