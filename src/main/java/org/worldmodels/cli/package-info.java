/**
 * The {@code worldmodels} command line (picocli). Commands parse flags, call the library and print
 * one JSON line; {@link org.worldmodels.cli.Main} maps failures to exit codes (2 for bad usage or
 * input, 1 otherwise) with one {@code error:} line. Nothing outside this package imports it.
 */
package org.worldmodels.cli;
