package org.worldmodels.dream;

/**
 * What one dream step returns, per row.
 *
 * @param z next latents {@code [B][Z]}
 * @param reward predicted rewards {@code [B]} (0 without a reward head)
 * @param done whether each row's episode ended {@code [B]} (false without a done head)
 */
public record DreamStep(float[][] z, float[] reward, boolean[] done) {}
