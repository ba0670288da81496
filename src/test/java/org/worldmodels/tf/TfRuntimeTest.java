package org.worldmodels.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TfRuntimeTest {
  @Test
  void opsAtATimeNeverExceedTheThreadCount() {
    assertEquals(1, TfRuntime.interOpThreads(2, 1));
    assertEquals(2, TfRuntime.interOpThreads(2, 2));
    assertEquals(2, TfRuntime.interOpThreads(2, 8));
    assertEquals(1, TfRuntime.interOpThreads(1, 4));
    // Invalid requests pass through to the session's own check.
    assertEquals(0, TfRuntime.interOpThreads(0, 2));
  }
}
