/**
 * numpy file formats without numpy: {@link org.worldmodels.io.Npy} for {@code .npy} arrays, {@link
 * org.worldmodels.io.Npz} for {@code .npz} archives, {@link org.worldmodels.io.Float16} for half
 * precision, all producing or consuming {@link org.worldmodels.io.NpyArray}; and {@link
 * org.worldmodels.io.CheckpointDirectory}, the layout of the models' checkpoint directories.
 *
 * <p>Depends on {@code util} only. Must never unpickle or evaluate anything found in a file:
 * object, string and record dtypes are refused with {@link org.worldmodels.io.NpyFormatException},
 * whose one-line message names the file, the key and what was expected.
 */
package org.worldmodels.io;
