package dev.responder.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Entry traffic per endpoint for a tick: the application's peak rate times a daily pattern (trough at 04:00,
 * peak at 16:00, UTC), Gaussian noise, seeded bursts, and the endpoint's share of the mix.
 */
final class Workload {
  private final AppModel app;
  private final double[] share;
  private final long seed;

  Workload(AppModel app, long seed) {
    this.app = app;
    this.seed = seed;
    double total = app.endpoints().stream().mapToDouble(EndpointSpec::weight).sum();
    share = app.endpoints().stream().mapToDouble(e -> e.weight() / total).toArray();
  }

  /** The daily factor in [0.2, 1]. */
  static double daily(Instant t) {
    double hour = t.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
    return 0.6 - 0.4 * Math.cos(2 * Math.PI * (hour - 4) / 24);
  }

  /** Burst factor: in some 10-minute blocks (chosen by the seed) traffic runs 15-30 % higher for 1-3 minutes. */
  double burst(Instant t) {
    long block = Math.floorDiv(t.getEpochSecond(), 600);
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, block, Seeds.BURSTS));
    if (r.nextDouble() > 0.2) {
      return 1;
    }
    long offset = r.nextLong(0, 420);
    long length = r.nextLong(60, 180);
    long in = t.getEpochSecond() - block * 600;
    return in >= offset && in < offset + length ? 1.15 + 0.15 * r.nextDouble() : 1;
  }

  double[] rates(Instant t, SplittableRandom rng) {
    double base = app.peakRps() * daily(t) * burst(t) * (1 + 0.03 * rng.nextGaussian());
    double[] out = new double[share.length];
    for (int e = 0; e < share.length; e++) {
      out[e] = Math.max(0, base * share[e] * (1 + 0.02 * rng.nextGaussian()));
    }
    return out;
  }
}
