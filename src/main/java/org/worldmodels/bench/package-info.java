/**
 * Benchmarks that print figures ({@code bench train}, {@code bench step}): the median time of a
 * full training step and of a dream step at World Models' CarRacing shapes by default. Figures
 * only; nothing here asserts a time. Depends on {@code rnn}, {@code dream} and {@code train}.
 */
package org.worldmodels.bench;
