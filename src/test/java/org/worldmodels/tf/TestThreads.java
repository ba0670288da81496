package org.worldmodels.tf;

/** Runs test code under another {@link TfRuntime#threads()} and restores the setting after it. */
public final class TestThreads {
  private static final String PROPERTY = "worldmodels.threads";

  private TestThreads() {}

  /** Test code that may throw. */
  public interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} with {@code threads} as the thread count, then restores the one before. */
  public static void with(int threads, Body body) throws Exception {
    String before = System.getProperty(PROPERTY);
    System.setProperty(PROPERTY, String.valueOf(threads));
    try {
      body.run();
    } finally {
      if (before == null) {
        System.clearProperty(PROPERTY);
      } else {
        System.setProperty(PROPERTY, before);
      }
    }
  }
}
