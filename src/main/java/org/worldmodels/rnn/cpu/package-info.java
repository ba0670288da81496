/**
 * CPU tuning of the plain-Java MDN-RNN cell, kept apart from the model: {@link
 * org.worldmodels.rnn.cpu.CellSlice} (the cell's arithmetic over a packed copy of some of its
 * weights), {@link org.worldmodels.rnn.cpu.TwoCoreCell} (one step computed by the calling thread
 * and a helper thread, each on half of the weights), {@link org.worldmodels.rnn.cpu.CoreChoice}
 * (times both ways and keeps the faster) and {@link org.worldmodels.rnn.cpu.SpinSignal} (the
 * spin-then-park handoff between the two threads).
 *
 * <p>Why a room of its own: some 800 lines of threading that make small dreams about twice as fast
 * on an idle machine and change no bit of any result. Everything here is bitwise the one-core
 * arithmetic; the figures behind the constants are in docs/performance.md ("The two-core cell's
 * constants").
 *
 * <p><b>The switch</b>: {@code -Dworldmodels.twoCoreCell=false} or {@code
 * WORLDMODELS_TWO_CORE_CELL=0} turns the two-core cell off ({@link
 * org.worldmodels.rnn.cpu.TwoCoreCell#enabled()}); dreams then step the cell on one core, with the
 * same bits.
 *
 * <p>Depends on nothing of ours but {@code util}; {@code rnn} uses it, never the other way round.
 * Only what {@code rnn.MdnRnnCell} and dreams need is public.
 */
package org.worldmodels.rnn.cpu;
