package dev.responder.sim;

/**
 * Counter-based seeding: every random stream is a fresh {@code SplittableRandom} whose seed mixes the run's seed,
 * the tick and a stream id (SplitMix64's finaliser, Steele, Lea and Flood, OOPSLA 2014). Randomness is thus a
 * function of position, not of history, so a fork continues exactly as its origin would, and same seed means
 * byte-identical telemetry regardless of how the run is chunked into {@code advance} calls.
 */
final class Seeds {
  static final long WORKLOAD = 1;
  static final long BURSTS = 2;
  static final long METRICS = 3;
  static final long LOGS = 4;
  static final long TRACES = 5;
  static final long LAYOUT = 6;
  static final long SCENARIO = 7;

  private Seeds() {}

  static long mix(long seed, long a, long b) {
    return fin(fin(fin(seed) ^ a * 0x9E3779B97F4A7C15L) ^ b * 0xC2B2AE3D27D4EB4FL);
  }

  static long mix(long seed, long a, long b, long c) {
    return fin(mix(seed, a, b) ^ c * 0x165667B19E3779F9L);
  }

  private static long fin(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
