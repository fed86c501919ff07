package dev.responder.app.cli;

import java.util.concurrent.Callable;

/** Polls a probe until it returns a value, for tests of commands that run in the background. */
final class Await {
  private Await() {}

  /** The probe's first non-null answer; fails after 60 s. */
  static <T> T until(Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting");
  }
}
