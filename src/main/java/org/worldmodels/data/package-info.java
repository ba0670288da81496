/**
 * Recorded episodes and what training needs from them: {@link org.worldmodels.data.Episode} and
 * {@link org.worldmodels.data.EpisodeStore} (npz episode files and data directories, with World
 * Models series files), {@link org.worldmodels.data.DataSpec} ({@code spec.json}), {@link
 * org.worldmodels.data.Dataset}, the seeded {@link org.worldmodels.data.Split} into training and
 * validation episodes, and {@link org.worldmodels.data.BatchPlan}, which cuts episodes into
 * time-major {@link org.worldmodels.data.Batch}es. Episodes of pixel environments also hold uint8
 * {@link org.worldmodels.data.Frames} (and no {@code z} until encoded); {@link
 * org.worldmodels.data.FrameEpisodes} streams a directory's frames episode by episode.
 *
 * <p>Depends on {@code io} and {@code util} only; nothing of TensorFlow. All randomness is keyed by
 * an explicit seed through {@link org.worldmodels.util.Seeds}, so a batch is a pure function of
 * (data, seed, step).
 */
package org.worldmodels.data;
