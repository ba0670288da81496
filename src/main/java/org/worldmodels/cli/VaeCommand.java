package org.worldmodels.cli;

import picocli.CommandLine.Command;

/** {@code vae}: the vision model V, a ConvVAE on 64 x 64 RGB frames. */
@Command(
    name = "vae",
    description = "The vision model V: a convolutional VAE from frames to a small latent z.",
    subcommands = {
      VaeTrainCommand.class,
      VaeEvalCommand.class,
      VaeEncodeCommand.class,
      VaeDecodeCommand.class
    })
final class VaeCommand {}
