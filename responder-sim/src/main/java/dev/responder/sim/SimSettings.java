package dev.responder.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * How a simulation runs and how much telemetry it emits.
 *
 * @param start simulated start time; null picks 2026-11-01T00:00:00Z plus a seed-dependent offset
 * @param resolution the tick and metric resolution, between 1 s and 5 min (default 10 s)
 * @param traceSampleRate fraction of entry requests traced, in [0, 1] (default 1 %)
 * @param logVolume multiplier of the normal log rate, in [0, 100]; 0 turns routine logs off (fault and
 *     Kubernetes-event lines are still emitted)
 */
public record SimSettings(Instant start, Duration resolution, double traceSampleRate, double logVolume) {
  public static final Instant DEFAULT_EPOCH = Instant.parse("2026-11-01T00:00:00Z");

  public SimSettings {
    if (resolution == null || resolution.compareTo(Duration.ofSeconds(1)) < 0
        || resolution.compareTo(Duration.ofMinutes(5)) > 0 || resolution.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("resolution must be whole seconds in [1s, 5m] but was " + resolution);
    }
    if (!(traceSampleRate >= 0 && traceSampleRate <= 1)) {
      throw new IllegalArgumentException("trace sample rate must be in [0, 1] but was " + traceSampleRate);
    }
    if (!(logVolume >= 0 && logVolume <= 100)) {
      throw new IllegalArgumentException("log volume must be in [0, 100] but was " + logVolume);
    }
  }

  /** 10 s resolution, 1 % traces, the normal log volume, seed-dependent start. */
  public static SimSettings defaults() {
    return new SimSettings(null, Duration.ofSeconds(10), 0.01, 1.0);
  }

  public SimSettings withStart(Instant at) {
    return new SimSettings(at, resolution, traceSampleRate, logVolume);
  }

  public SimSettings withResolution(Duration r) {
    return new SimSettings(start, r, traceSampleRate, logVolume);
  }

  public SimSettings withTraceSampleRate(double rate) {
    return new SimSettings(start, resolution, rate, logVolume);
  }

  public SimSettings withLogVolume(double volume) {
    return new SimSettings(start, resolution, traceSampleRate, volume);
  }
}
