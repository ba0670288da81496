/**
 * Figures as PNG files (XChart): a common look ({@link org.worldmodels.report.Charts}), heat maps,
 * training curves and Bishop's inverted-sine demo ({@link
 * org.worldmodels.report.InvertedSineDemo}). Files are written atomically.
 */
package org.worldmodels.report;
