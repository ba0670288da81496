/**
 * Figures as PNG files (XChart): a common look ({@link org.worldmodels.report.Charts}), heat maps,
 * training curves, Bishop's inverted-sine demo ({@link org.worldmodels.report.InvertedSineDemo}),
 * and frames: rows of frames side by side ({@link org.worldmodels.report.FrameSheet}: filmstrips,
 * real / reconstructed / dreamed comparisons) and animated GIFs ({@link
 * org.worldmodels.report.AnimatedGif}). Files are written atomically.
 */
package org.worldmodels.report;
