package dev.responder.analysis.anomaly;

import java.util.List;

/**
 * A streaming anomaly detector for one metric series: points arrive one at a time in time order and each
 * gets an anomaly score in [0, 1] at once, from bounded memory (fixed by the {@link Settings}, never by the
 * length of the stream). Detectors are deterministic: the same points give the same scores. A detector
 * holds the state of one series and is not thread-safe; create one per series with a {@link Factory}.
 */
public interface AnomalyDetector {

  /**
   * Consumes the next point and returns its anomaly score in [0, 1]; higher means more anomalous. Points
   * must come in non-decreasing time order. A NaN or infinite value is skipped and scores 0.
   *
   * @param epochMillis the point's time in milliseconds since the epoch
   * @param value the metric value
   */
  double update(long epochMillis, double value);

  /** Creates a fresh detector, one per series. */
  @FunctionalInterface
  interface Factory {
    AnomalyDetector create();
  }

  /**
   * Tuning shared by the detectors; {@link #defaults()} is the one configuration used for every series.
   *
   * @param window points in the sliding baseline (median and quartiles of recent values)
   * @param seasonDays how many past days the per-phase seasonal baseline remembers
   * @param phaseBuckets phase-of-day buckets of the seasonal baseline (at most one per point interval)
   * @param warmup points before any score above 0 is given
   * @param suppression points after a confident detection during which weaker repeats are damped
   * @param hazard expected run length between change points, for {@link #changePoint(Settings)}
   * @param maxRunLength run lengths kept by the change-point detector (older ones are merged into the last)
   */
  record Settings(int window, int seasonDays, int phaseBuckets, int warmup, int suppression, double hazard,
      int maxRunLength) {
    public Settings {
      requireAtLeast("window", window, 8);
      requireAtLeast("seasonDays", seasonDays, 1);
      requireAtLeast("phaseBuckets", phaseBuckets, 1);
      requireAtLeast("warmup", warmup, 0);
      requireAtLeast("suppression", suppression, 0);
      requireAtLeast("maxRunLength", maxRunLength, 4);
      if (!(hazard >= 2)) {
        throw new IllegalArgumentException("hazard must be >= 2 points but was " + hazard);
      }
    }

    /** The configuration used for every series in the NAB evaluation. */
    public static Settings defaults() {
      return new Settings(256, 4, 288, 200, 96, 250, 64);
    }

    private static void requireAtLeast(String name, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
      }
    }
  }

  /**
   * A robust baseline that copes with daily seasonality, level shifts and variance changes: residuals
   * against the better of a sliding median and a per-phase seasonal median, scaled by a robust spread of
   * recent residuals, accumulated by two-sided CUSUM for shifts, with the baseline re-anchored once a shift
   * is confirmed.
   */
  static AnomalyDetector robustSeasonal(Settings settings) {
    return new RobustSeasonalDetector(settings);
  }

  /**
   * The default detector: the {@link #robustSeasonal(Settings)} residual side by side with a pattern-novelty
   * detector (down-sampled windows compared with the nearest non-overlapping earlier window, after ARTime),
   * both calibrated against the series' own record surprise; the larger score counts and one suppressor damps
   * repeats of an episode.
   */
  static AnomalyDetector resonance(Settings settings) {
    return new ResonanceDetector(settings);
  }

  /** Bayesian online change-point detection (Adams and MacKay 2007) with bounded run lengths. */
  static AnomalyDetector changePoint(Settings settings) {
    return new ChangePointDetector(settings);
  }

  /** Combines detectors fed the same points: the score is the maximum of their scores. */
  static AnomalyDetector ensemble(List<AnomalyDetector> members) {
    return new EnsembleDetector(members);
  }
}
