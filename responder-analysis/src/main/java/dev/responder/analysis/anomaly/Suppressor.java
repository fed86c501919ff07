package dev.responder.analysis.anomaly;

/**
 * Damps repeats after a confident detection. NAB-style scoring (and on-call engineers) count the first
 * alert of an episode and charge every further alert outside the labelled window, so for {@code horizon}
 * points after a score of at least {@link #FIRE} only scores that beat it pass undamped.
 */
final class Suppressor {
  static final double FIRE = 0.5;
  private static final double DAMP = 0.5;

  private final int horizon;
  private int left;
  private double fired;

  Suppressor(int horizon) {
    this.horizon = horizon;
  }

  double apply(double score) {
    if (left > 0) {
      left--;
      if (score <= fired) {
        return score * DAMP;
      }
    }
    if (score >= FIRE && horizon > 0) {
      fired = score;
      left = horizon;
    }
    return score;
  }
}
