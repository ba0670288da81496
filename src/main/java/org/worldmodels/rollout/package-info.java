/**
 * The one rollout engine: {@link org.worldmodels.rollout.Rollouts#run} runs the episodes of an
 * {@link org.worldmodels.rollout.EpisodePlan} (how many, each one's seed and time limit) over the
 * slots of a {@link org.worldmodels.rollout.BatchedWorld} (real environments, the dream, either
 * with the MDN-RNN remembering), recycling a slot as soon as its episode ends, and hands every
 * start, step and end to a {@link org.worldmodels.rollout.RolloutSink} (episode files, returns,
 * trajectories). Actions come from a {@link org.worldmodels.rollout.Policy} of {@code [z, h]}.
 * {@code collect}, {@code play}, {@code dream}, CMA-ES scoring and the pipeline's replay are all
 * this loop.
 *
 * <pre>{@code
 * try (RealWorld world = RealWorld.open(() -> Envs.make("cartpole"), 4, IdentityEncoder.INSTANCE)) {
 *   ReturnSums sums = ReturnSums.rewards(100);
 *   Rollouts.run(world, new RandomPolicy(world.actionSpace()),
 *       EpisodePlan.collect(7, 0, 100, world.maxEpisodeSteps()), sums, Progress.NONE);
 *   double[] returns = sums.returns(); // the same with 1, 4 or 100 slots
 * }
 * }</pre>
 *
 * <p>Every episode depends on its seed alone ({@code util.SeedKey}), never on the slot count.
 * Depends on {@code dream}, {@code rnn} (the plain-Java cell), {@code env}, {@code data} and {@code
 * util}; {@code control}, {@code pipeline} and {@code cli} use it, and nothing it imports may
 * import it.
 */
package org.worldmodels.rollout;
