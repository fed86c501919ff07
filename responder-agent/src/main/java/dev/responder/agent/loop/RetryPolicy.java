package dev.responder.agent.loop;

import java.time.Duration;
import java.util.Objects;

/**
 * Retries of transient provider failures (timeouts, HTTP 408/429/5xx, connection errors) with exponential
 * backoff: the n-th retry waits {@code initialBackoff * 2^(n-1)}, at most {@code maxBackoff}. Waiting goes
 * through the {@link Sleeper}, so tests run without sleeping. Time spent waiting counts against the wall budget.
 *
 * @param maxAttempts attempts per model call, including the first (1 disables retries)
 * @param initialBackoff wait before the first retry
 * @param maxBackoff longest single wait
 * @param sleeper how to wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {

  /** Waits for a duration; interruptible. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(sleeper, "sleeper");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max but was initial="
          + initialBackoff + ", max=" + maxBackoff);
    }
  }

  /** Four attempts, waiting 1 s, 2 s, 4 s, with {@link Thread#sleep(Duration)}. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Thread::sleep);
  }

  /** One attempt, no retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Thread::sleep);
  }

  /** This policy with another way to wait (tests pass a recording sleeper). */
  public RetryPolicy withSleeper(Sleeper other) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, other);
  }

  /** The wait before retry number {@code retry} (1-based). */
  public Duration backoff(int retry) {
    Duration d = initialBackoff;
    for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
