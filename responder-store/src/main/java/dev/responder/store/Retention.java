package dev.responder.store;

import dev.responder.core.port.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a telemetry store within a maximum age: each {@link #runOnce()} deletes what is older than
 * {@code now - maxAge}. Scheduling is the caller's choice (a scheduled executor in the app, a CLI command).
 */
public final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final TelemetryStore store;
  private final Duration maxAge;
  private final InstantSource clock;

  private Retention(TelemetryStore store, Duration maxAge, InstantSource clock) {
    this.store = store;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * @param maxAge how long telemetry is kept; at least one minute
   * @throws IllegalArgumentException for a missing argument or a max age under a minute, naming the value
   */
  public static Retention of(TelemetryStore store, Duration maxAge, InstantSource clock) {
    if (store == null || clock == null) {
      throw new IllegalArgumentException("store and clock must not be null");
    }
    if (maxAge == null || maxAge.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("retention max age must be >= 1m but was " + maxAge);
    }
    return new Retention(store, maxAge, clock);
  }

  /** Deletes telemetry older than now minus the max age; returns the rows deleted. */
  public long runOnce() {
    Instant cutoff = cutoff();
    long deleted = store.deleteOlderThan(cutoff);
    LOG.debug("retention deleted {} rows older than {} (max age {})", deleted, cutoff, maxAge);
    return deleted;
  }

  /** The instant before which {@link #runOnce()} would delete now. */
  public Instant cutoff() {
    return clock.instant().minus(maxAge);
  }

  public Duration maxAge() {
    return maxAge;
  }
}
