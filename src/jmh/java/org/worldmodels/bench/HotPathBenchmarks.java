package org.worldmodels.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.worldmodels.dream.RowRandom;
import org.worldmodels.mdn.Gaussian;
import org.worldmodels.mdn.Mixture;
import org.worldmodels.mdn.Temperature;
import org.worldmodels.rnn.MdnRnnCell;
import org.worldmodels.rnn.MdnRnnConfig;
import org.worldmodels.rnn.MdnRnnWeights;
import org.worldmodels.rnn.StepGraph;
import org.worldmodels.rnn.StepState;
import org.worldmodels.rnn.cpu.TwoCoreCell;

/**
 * The hot pieces of dreaming at World Models' CarRacing shapes (z 32, a 3, LSTM 256, K 5): mixture
 * log density and sampling, the plain-Java cell on one core and on two, and TensorFlow's one-step
 * graph at several batch sizes ({@code org.worldmodels.dream.SamplingBenchmarks} times a dream's
 * sampling of a whole latent). Figures only; run on an otherwise idle machine
 * (docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class HotPathBenchmarks {
  static final MdnRnnConfig CONFIG = MdnRnnConfig.withDefaults(32, 3, 256, 5, true, true);

  private Mixture mixture;
  private RowRandom rng;
  private MdnRnnCell cell;
  private float[] z;
  private float[] a;
  private float[] h;
  private float[] c;
  private float[] y;
  private MdnRnnCell.Workspace gates;
  private double point;

  @Setup(Level.Trial)
  public void setUp() {
    mixture =
        Mixture.of(
            new Gaussian(),
            new double[] {0.1, -0.3, 1.2, 0.0, -2.0},
            new double[] {-1, -0.5, 0, 0.5, 1},
            new double[] {0.2, 0.3, 0.1, 0.5, 0.25});
    rng = RowRandom.of(1, 1);
    MdnRnnWeights w = MdnRnnWeights.initial(CONFIG, new SplittableRandom(1));
    cell = new MdnRnnCell(CONFIG, w);
    z = new float[32];
    a = new float[3];
    h = new float[256];
    c = new float[256];
    y = new float[CONFIG.outputSize()];
    gates = cell.newWorkspace();
  }

  @Benchmark
  public double mixtureLogDensity() {
    point += 1e-3;
    return mixture.logDensity(Math.sin(point));
  }

  @Benchmark
  public double mixtureSample() {
    return mixture.sample(Temperature.ONE, rng);
  }

  @Benchmark
  public float javaCellStep() {
    cell.step(z, 0, a, 0, h, c, 0, y, 0, gates);
    return y[0];
  }

  /**
   * The Java cell on two cores ({@link TwoCoreCell}, which falls back to one core while two do not
   * pay): one row, or a few rows at once.
   */
  @State(Scope.Thread)
  public static class TwoCoreStep {
    @Param({"1", "4"})
    public int rows;

    TwoCoreCell cell;
    float[] z;
    float[] a;
    float[] h;
    float[] c;
    float[] y;

    @Setup(Level.Trial)
    public void setUp() {
      cell =
          new MdnRnnCell(CONFIG, MdnRnnWeights.initial(CONFIG, new SplittableRandom(1)))
              .onTwoCores(rows);
      z = new float[rows * 32];
      a = new float[rows * 3];
      h = new float[rows * 256];
      c = new float[rows * 256];
      y = new float[rows * CONFIG.outputSize()];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      cell.close();
    }
  }

  @Benchmark
  public float javaCellStepOnTwoCores(TwoCoreStep s) {
    s.cell.step(s.rows, s.z, s.a, s.h, s.c, s.y);
    return s.y[0];
  }

  /** TensorFlow's one-step graph for a batch of rows. */
  @State(Scope.Thread)
  public static class TfStep {
    @Param({"1", "16", "256", "4096"})
    public int batch;

    StepGraph graph;
    StepState state;
    float[] z;
    float[] a;
    float[] h;
    float[] c;
    float[] y;

    @Setup(Level.Trial)
    public void setUp() {
      graph = new StepGraph(CONFIG, MdnRnnWeights.initial(CONFIG, new SplittableRandom(1)));
      z = new float[batch * 32];
      a = new float[batch * 3];
      h = new float[batch * 256];
      c = new float[batch * 256];
      y = new float[batch * CONFIG.outputSize()];
      state = graph.newState(batch);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      state.close();
      graph.close();
    }
  }

  /** The dream's way: the LSTM state stays in TensorFlow between steps. */
  @Benchmark
  public float tensorFlowStep(TfStep s) {
    s.graph.step(s.state, s.z, s.a, s.y);
    return s.y[0];
  }

  /** The state copied from Java arrays and back every step, for comparison. */
  @Benchmark
  public float tensorFlowStepCopyingState(TfStep s) {
    s.graph.step(s.batch, s.z, s.a, s.h, s.c, s.y);
    return s.y[0];
  }
}
