/**
 * Environments with Gymnasium's semantics ({@link org.worldmodels.env.Env}): CartPole-v1 and
 * Pendulum-v1 with their published dynamics, observation and action spaces and a factory by name;
 * the {@link org.worldmodels.env.Encoder} that turns observations into latents; the actions an
 * environment applies ({@link org.worldmodels.env.AppliedActions}); and {@link
 * org.worldmodels.env.Spaces}, the one place where action spaces and the {@code ActionSpec} of
 * episode files convert into each other. Policies and the episode loop live in {@code rollout}.
 *
 * <p>Discrete actions are one-hot float vectors throughout. All randomness comes from seeded
 * streams owned by the environment; nothing here reads a clock or a global generator. Depends only
 * on {@code org.worldmodels.util} and {@code data} (action specs).
 */
package org.worldmodels.env;
