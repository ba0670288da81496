/**
 * Controllers and their optimiser. A {@link org.worldmodels.control.Controller} acts as {@code a_t
 * = C([z_t, h_t])} from a flat parameter vector laid out by its {@link
 * org.worldmodels.control.ControllerSpec} (World Models' linear layer, or one tanh hidden layer);
 * {@link org.worldmodels.control.ControllerFile} saves it as JSON with the model it belongs to;
 * {@link org.worldmodels.control.RealEvaluation} scores it in a real environment with the MDN-RNN
 * cell supplying {@code h}, and {@link org.worldmodels.control.DreamRolloutScores} a population in
 * one batched dream, both on the rollout engine (a controller is a {@code rollout.Policy}). The
 * ask/tell CMA-ES ({@link org.worldmodels.control.Cmaes}) searches the parameter vector, scoring a
 * whole population at once. Lower fitness is better; controllers pass negated returns.
 *
 * <p>Training in the dream: {@link org.worldmodels.control.CmaesSearch} runs the ask/score/tell
 * loop and saves its state between generations; a {@link org.worldmodels.control.PopulationScorer}
 * scores a population ({@link org.worldmodels.control.DreamPopulationScorer}: in-process, one
 * batched dream per block of 8 candidates, the unit every engine ships). A new scorer, for example
 * one that ships the parameter vectors to a cluster ({@code org.worldmodels.engine}), implements
 * {@code score(spec, candidates, generation)} and returns {@code [candidate][rollout]} returns that
 * depend on nothing else. {@link org.worldmodels.control.DreamControlTraining#run} runs a {@link
 * org.worldmodels.control.ControlRequest} (what {@code control} and the pipeline ask for).
 *
 * <p>Randomness comes only from streams keyed by (seed, generation) and from episodes keyed by
 * {@code util.SeedKey}. Depends on {@code tf} for eigendecompositions, on {@code rollout}, {@code
 * env}, {@code rnn} (the plain-Java cell and checkpoints), {@code data} (action specs) and {@code
 * util}.
 */
package org.worldmodels.control;
