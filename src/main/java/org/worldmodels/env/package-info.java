/**
 * Environments with Gymnasium's semantics ({@link org.worldmodels.env.Env}): CartPole-v1 and
 * Pendulum-v1 with their published dynamics, observation and action spaces, policies and a factory
 * by name.
 *
 * <p>Discrete actions are one-hot float vectors throughout. All randomness comes from seeded
 * streams owned by the environment or policy; nothing here reads a clock or a global generator.
 * Depends only on {@code org.worldmodels.util} (and, for the rollout collector, on data).
 */
package org.worldmodels.env;
