package org.rapaio.jupyter.kernel.channels;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's class of the same name, put before the kernel's jar
 * on the class path by {@code execute.sh}. The kernel's version sets its {@code running} flag only
 * after {@link Thread#start()} returns; a loop thread the scheduler runs at once reads the flag
 * still false and ends, and when that is the shell's loop the kernel never answers Jupyter's first
 * request ("Kernel didn't respond"). Here the flag is set before the thread starts. Same
 * constructor and methods as the class it replaces, which the kernel's channels call.
 */
public final class LoopThread extends Thread {
  private volatile boolean running;
  private final long sleepMillis;
  private final Runnable loopBody;

  public LoopThread(String name, long sleepMillis, Runnable loopBody) {
    super(name);
    this.sleepMillis = sleepMillis;
    this.loopBody = loopBody;
  }

  @Override
  public void run() {
    while (running) {
      loopBody.run();
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        running = false;
        return;
      }
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    super.start();
  }

  public void shutdown() {
    running = false;
  }
}
