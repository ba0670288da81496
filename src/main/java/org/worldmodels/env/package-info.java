/**
 * Environments with Gymnasium's semantics ({@link org.worldmodels.env.Env}): CartPole-v1 and
 * Pendulum-v1 with their published dynamics, observation and action spaces, policies and a factory
 * by name; and the rollout {@link org.worldmodels.env.Collector}, which records a policy's episodes
 * as episode files, with observations turned into latents by an {@link
 * org.worldmodels.env.Encoder}.
 *
 * <p>Discrete actions are one-hot float vectors throughout. All randomness comes from seeded
 * streams owned by the environment or policy; nothing here reads a clock or a global generator.
 * Depends only on {@code org.worldmodels.util} (and, for the rollout collector, on data).
 */
package org.worldmodels.env;
