package org.worldmodels.mdn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.worldmodels.io.NpyArray;
import org.worldmodels.io.Npz;
import org.worldmodels.tf.AdamConfig;
import org.worldmodels.tf.Clip;
import org.worldmodels.util.Check;
import org.worldmodels.util.Json;
import org.worldmodels.util.Progress;
import org.worldmodels.util.Seeds;
import org.worldmodels.util.Version;

/**
 * A standalone mixture density network {@code p(target | input)} for one input and one target
 * column: a tanh MLP feeding an {@link MdnHead} (Bishop 1994). Trained with TensorFlow and our own
 * Adam; evaluated in plain Java from the saved weights.
 *
 * <p>The input is standardised with the training data's mean and standard deviation; the target's
 * mean and standard deviation set the head's shift and scale, so the network works at unit scale
 * while densities stay in the target's units.
 */
public final class MdnRegressor {
  /** Weight file of a model directory. */
  public static final String WEIGHTS_FILE = "weights.npz";

  /** Metadata file of a model directory. */
  public static final String METADATA_FILE = "metadata.json";

  /** The {@code format} value of the metadata. */
  public static final String FORMAT = "worldmodels-mdn";

  /** The metadata layout this build reads and writes. */
  public static final int FORMAT_VERSION = 1;

  private static final String PREFIX = "mlp";
  private static final long VALIDATION_STREAM = 0x7A11D;

  private final MdnConfig config;
  private final Scaling scaling;
  private final MdnHead head;
  private final int[] sizes;
  private final Map<String, float[]> weights;
  private final Metadata metadata;

  /**
   * Affine scalings learned from the training data.
   *
   * @param inputMean mean of the input column
   * @param inputStd its standard deviation (1 if the column is constant)
   * @param targetMean mean of the target column
   * @param targetStd its standard deviation (1 if the column is constant)
   */
  public record Scaling(double inputMean, double inputStd, double targetMean, double targetStd) {
    public Scaling {
      Check.finite("input mean", inputMean);
      Check.positiveFinite("input std", inputStd);
      Check.finite("target mean", targetMean);
      Check.positiveFinite("target std", targetStd);
    }

    static Scaling of(double[] x, double[] t) {
      return new Scaling(mean(x), std(x), mean(t), std(t));
    }

    private static double mean(double[] v) {
      double s = 0;
      for (double d : v) {
        s += d;
      }
      return s / v.length;
    }

    private static double std(double[] v) {
      double m = mean(v);
      double s = 0;
      for (double d : v) {
        s += (d - m) * (d - m);
      }
      double sd = Math.sqrt(s / v.length);
      return sd > 0 ? sd : 1;
    }
  }

  /**
   * What a model directory records besides its weights.
   *
   * @param format always {@link #FORMAT}
   * @param formatVersion metadata layout, {@link #FORMAT_VERSION}
   * @param libraryVersion the worldmodels version that wrote it
   * @param input input column name
   * @param target target column name
   * @param config training settings
   * @param scaling input and target scalings
   * @param trainNll mean NLL on the training rows, nats
   * @param trainRows number of training rows
   * @param seconds training time
   * @param created ISO-8601 time of writing
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Metadata(
      String format,
      int formatVersion,
      String libraryVersion,
      String input,
      String target,
      MdnConfig config,
      Scaling scaling,
      double trainNll,
      int trainRows,
      double seconds,
      String created) {}

  private MdnRegressor(
      MdnConfig config, Scaling scaling, Map<String, float[]> weights, Metadata metadata) {
    this.config = config;
    this.metadata = metadata;
    this.scaling = scaling;
    this.head =
        new MdnHead(
            1,
            config.mixtures(),
            config.family(),
            config.sigma(),
            config.mu(),
            scaling.targetMean(),
            scaling.targetStd());
    this.sizes = layerSizes(config, head);
    this.weights = weights;
  }

  private static int[] shuffled(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  private static int[] layerSizes(MdnConfig config, MdnHead head) {
    int[] h = config.hidden();
    int[] sizes = new int[h.length + 2];
    sizes[0] = 1;
    System.arraycopy(h, 0, sizes, 1, h.length);
    sizes[sizes.length - 1] = head.width();
    return sizes;
  }

  /**
   * Fits a model to {@code (x, t)} pairs.
   *
   * @throws IllegalArgumentException if the columns differ in length, are empty or not finite
   */
  public static MdnRegressor fit(double[] x, double[] t, MdnConfig config, Progress progress) {
    Check.argument(x.length == t.length, "input has " + x.length + " rows, target " + t.length);
    Check.argument(x.length > 0, "no training rows");
    Scaling scaling = Scaling.of(x, t);
    MdnRegressor shape = new MdnRegressor(config, scaling, Map.of(), null);
    // Rows held out for early stopping, chosen by a seeded shuffle.
    int[] order =
        shuffled(x.length, new SplittableRandom(Seeds.mix(config.seed(), VALIDATION_STREAM)));
    int nVal = (int) Math.floor(config.validationFraction() * x.length);
    float[] xs = new float[x.length - nVal];
    float[] ts = new float[x.length - nVal];
    float[] xv = new float[nVal];
    float[] tv = new float[nVal];
    for (int j = 0; j < x.length; j++) {
      int i = order[j];
      float xi = (float) ((x[i] - scaling.inputMean()) / scaling.inputStd());
      if (j < nVal) {
        xv[j] = xi;
        tv[j] = (float) t[i];
      } else {
        xs[j - nVal] = xi;
        ts[j - nVal] = (float) t[i];
      }
    }
    Map<String, float[]> init =
        Mlp.initialWeights(PREFIX, shape.sizes, new SplittableRandom(config.seed()));
    FullBatchFit.Fit fit =
        FullBatchFit.run(
            "mdn fit",
            xs,
            ts,
            xv,
            tv,
            shape.sizes,
            1,
            init,
            shape.head::negLogLikelihood,
            config.weightDecay(),
            config.steps(),
            config.schedule(),
            AdamConfig.defaults(Clip.NONE),
            progress);
    return new MdnRegressor(config, scaling, fit.weights(), null);
  }

  /** The conditional distribution {@code p(target | x)}. */
  public Mixture mixture(double x) {
    double[] in = {(x - scaling.inputMean()) / scaling.inputStd()};
    double[] out = Mlp.forward(weights, PREFIX, sizes, in);
    float[] raw = new float[out.length];
    for (int i = 0; i < out.length; i++) {
      raw[i] = (float) out[i];
    }
    return head.mixture(raw, 0, 0);
  }

  /** Mean of {@code -ln p(t_i | x_i)} over the rows, in nats, in the target's units. */
  public double negLogLikelihood(double[] x, double[] t) {
    Check.argument(x.length == t.length, "input has " + x.length + " rows, target " + t.length);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s -= mixture(x[i]).logDensity(t[i]);
    }
    return s / x.length;
  }

  /** The metadata it was loaded with; null for a model fitted in this process. */
  public Metadata metadata() {
    return metadata;
  }

  /** The settings it was trained with. */
  public MdnConfig config() {
    return config;
  }

  /** Its head. */
  public MdnHead head() {
    return head;
  }

  /** The input and target scalings. */
  public Scaling scaling() {
    return scaling;
  }

  /** A copy of the weights by name. */
  public Map<String, float[]> weights() {
    Map<String, float[]> copy = new LinkedHashMap<>();
    weights.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /**
   * Writes {@code weights.npz} and {@code metadata.json} into {@code dir} (each atomically). The
   * weights file depends only on the weights, so equal weights give identical files.
   */
  public void save(Path dir, Metadata metadata) throws IOException {
    Files.createDirectories(dir);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    Mlp.shapes(PREFIX, sizes)
        .forEach((k, shape) -> arrays.put(k, NpyArray.ofFloats(weights.get(k), shape)));
    Npz.write(dir.resolve(WEIGHTS_FILE), arrays);
    Json.write(dir.resolve(METADATA_FILE), metadata);
  }

  /** Metadata for a model trained here. */
  public Metadata metadata(String input, String target, double trainNll, int rows, double seconds) {
    return new Metadata(
        FORMAT,
        FORMAT_VERSION,
        Version.get(),
        input,
        target,
        config,
        scaling,
        trainNll,
        rows,
        seconds,
        java.time.Instant.now().toString());
  }

  /**
   * Loads a model directory written by {@link #save}.
   *
   * @throws IllegalArgumentException naming the file when the directory, metadata or weights are
   *     missing, of another format or version, or do not match the configuration
   */
  public static MdnRegressor load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": no such model directory");
    }
    Path metaFile = dir.resolve(METADATA_FILE);
    Metadata meta = Json.read(metaFile, Metadata.class);
    if (!FORMAT.equals(meta.format())) {
      throw new IllegalArgumentException(
          metaFile + ": format '" + meta.format() + "'; expected '" + FORMAT + "'");
    }
    if (meta.formatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          metaFile
              + ": format version "
              + meta.formatVersion()
              + "; this build reads "
              + FORMAT_VERSION);
    }
    Check.argument(meta.config() != null, metaFile + ": missing key 'config'");
    Check.argument(meta.scaling() != null, metaFile + ": missing key 'scaling'");
    MdnRegressor shape = new MdnRegressor(meta.config(), meta.scaling(), Map.of(), meta);
    Path weightsFile = dir.resolve(WEIGHTS_FILE);
    if (!Files.isRegularFile(weightsFile)) {
      throw new IllegalArgumentException(weightsFile + ": no such file");
    }
    Map<String, NpyArray> arrays;
    try {
      arrays = Npz.read(weightsFile);
    } catch (IOException e) {
      throw new IllegalArgumentException(weightsFile + ": cannot read: " + e.getMessage(), e);
    }
    Map<String, float[]> w = new LinkedHashMap<>();
    for (var e : Mlp.shapes(PREFIX, shape.sizes).entrySet()) {
      NpyArray a = arrays.get(e.getKey());
      if (a == null) {
        throw new IllegalArgumentException(
            weightsFile + ": key '" + e.getKey() + "' missing; the metadata's config needs it");
      }
      if (!java.util.Arrays.equals(a.shape(), e.getValue())) {
        throw new IllegalArgumentException(
            weightsFile
                + ": key '"
                + e.getKey()
                + "' has shape "
                + java.util.Arrays.toString(a.shape())
                + "; the metadata's config needs "
                + java.util.Arrays.toString(e.getValue()));
      }
      float[] v = a.asFloats();
      for (int i = 0; i < v.length; i++) {
        if (!Float.isFinite(v[i])) {
          throw new IllegalArgumentException(
              weightsFile + ": key '" + e.getKey() + "' holds " + v[i] + " at index " + i);
        }
      }
      w.put(e.getKey(), v);
    }
    return new MdnRegressor(meta.config(), meta.scaling(), w, meta);
  }
}
