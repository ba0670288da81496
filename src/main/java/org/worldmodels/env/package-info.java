/**
 * Environments with Gymnasium's semantics ({@link org.worldmodels.env.Env}): CartPole-v1,
 * Pendulum-v1 and Acrobot-v1 with their published dynamics, observation and action spaces, their
 * pixel versions {@code cartpole-pixels} and {@code pendulum-pixels} ({@link
 * org.worldmodels.env.PixelEnv}: the same environment observed through frames drawn by {@code
 * env.render}, values in [0, 1]), and {@link org.worldmodels.env.Envs}, the one registry that makes
 * and describes them by name; the {@link org.worldmodels.env.Encoder} that turns observations into
 * latents; the actions an environment applies ({@link org.worldmodels.env.AppliedActions}); and
 * {@link org.worldmodels.env.Spaces}, the one place where action spaces and the {@code ActionSpec}
 * of episode files convert into each other. Policies and the episode loop live in {@code rollout}.
 *
 * <p>Observations carry a shape ({@link org.worldmodels.env.Space#shape()}; a vector {@code [D]}, a
 * frame {@code [H, W, 3]}) and travel as flat float arrays. The encoder a model was trained with is
 * recorded in its data spec ({@code "encoder": {"type": "identity"}}) and opened again by {@link
 * org.worldmodels.env.Encoders#open}. Discrete actions are one-hot float vectors throughout. All
 * randomness comes from seeded streams owned by the environment; nothing here reads a clock or a
 * global generator. Depends only on {@code org.worldmodels.util}, {@code data} (action specs,
 * encoder specs, frame values) and {@code env.render}.
 *
 * <h2>Adding an environment</h2>
 *
 * <p>Write one class, usually extending the package's {@code AbstractEnv} (which keeps the seeded
 * stream, the reset-before-step rule and the time limit), register it with one line in {@code
 * Envs}, and add its recipe {@code envs/NAME/config.json}. Help texts ({@code collect --env},
 * {@code play --env}), recipes and plots then know it:
 *
 * <pre>{@code
 * public final class MountainCarEnv extends AbstractEnv {
 *   public static final String ID = "mountaincar";
 *   MountainCarEnv(long seed) { super(seed); }
 *   float[] resetState(RandomGenerator rng) { ... }   // start state, first observation
 *   StepResult advance(float[] action) { ... }        // dynamics, reward, terminated
 *   public List<String> observationNames() { return List.of("position", "velocity"); }
 *   public Space observationSpace() { ... }
 *   public Space actionSpace() { return new Discrete(3); }
 *   public int maxEpisodeSteps() { return 200; }
 *   public String id() { return ID; }
 * }
 *
 * // in Envs.REGISTERED:
 * new Registration(MountainCarEnv.ID, "MountainCar-v0",
 *     "drive an underpowered car up a hill by rocking it", MountainCarEnv::new)
 * }</pre>
 */
package org.worldmodels.env;
