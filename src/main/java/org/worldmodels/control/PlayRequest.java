package org.worldmodels.control;

import java.nio.file.Path;
import org.worldmodels.env.Envs;
import org.worldmodels.util.Check;

/**
 * What {@code play} is asked to do: score the controller of {@code controller} with the MDN-RNN of
 * {@code model} in {@code env}, for {@code episodes} episodes, episode i reset with {@code
 * SeedKey.play(seed, 0, i).seed()}.
 *
 * @param model a model directory (the {@code --out} of {@code train})
 * @param controller a controller file
 * @param env an id {@link Envs#make} accepts
 * @param episodes in [1, {@value #MAX_EPISODES}]
 * @param seed the run's seed
 */
public record PlayRequest(Path model, Path controller, String env, int episodes, long seed) {
  /** Most episodes one request may play. */
  public static final int MAX_EPISODES = 1_000_000;

  /** Validates what can be checked without reading files. */
  public PlayRequest {
    Check.argument(model != null, "model directory must be given");
    Check.argument(controller != null, "controller file must be given");
    Check.argument(
        Envs.IDS.contains(env),
        "env must be one of " + String.join(", ", Envs.IDS) + ", got '" + env + "'");
    Check.inRange("episodes", episodes, 1, MAX_EPISODES);
  }
}
