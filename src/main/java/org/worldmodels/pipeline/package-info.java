/**
 * The whole World Models loop from a recipe in {@code envs/}: collect, train, control in the dream,
 * play in the real environment, report. Depends on every other package except {@code cli}.
 */
package org.worldmodels.pipeline;
