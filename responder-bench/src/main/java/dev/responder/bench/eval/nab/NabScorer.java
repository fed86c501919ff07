package dev.responder.bench.eval.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * NAB's scoring rules (Lavin &amp; Ahmad, "Evaluating Real-time Anomaly Detection Algorithms — the Numenta
 * Anomaly Benchmark", ICMLA 2015), as implemented by NAB v1.1 in {@code nab/sweeper.py} and
 * {@code nab/optimizer.py}.
 *
 * <p>Design note: every scorable row (outside the probationary period) gets a sweep score: inside a window
 * the scaled sigmoid of its relative position, normalised so the left edge is worth {@code A_TP}; outside,
 * {@code A_FP} times the scaled sigmoid of its distance after the previous window (the full cost when no
 * window precedes it). All rows of all series are then sorted by anomaly score and swept from the highest
 * down: lowering the threshold to a score turns every row with that score into a detection, an FP adds its
 * cost, a window keeps the best (earliest) of its detections, and an undetected window costs {@code A_FN}.
 * The best threshold of the sweep is the profile's score, exactly as NAB's optimiser picks it over the
 * corpus. Ties are resolved the way NAB does: a threshold is only evaluated after every row with that score
 * has been added, and the highest threshold wins among equal totals.
 */
final class NabScorer {
  /** Probationary rows: NAB's {@code probationPercent} of the series, capped at 15 % of 5000 rows. */
  static final double PROBATION_PERCENT = 0.15;

  private NabScorer() {}

  /** A cost profile from {@code config/profiles.json}; weights are magnitudes, as in NAB. */
  record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {
    Profile {
      Objects.requireNonNull(name, "name");
      if (!(tpWeight > 0) || !(fpWeight >= 0) || !(fnWeight >= 0)) {
        throw new IllegalArgumentException("profile " + name + " needs tpWeight > 0, fpWeight >= 0, fnWeight >= 0 but was "
            + tpWeight + ", " + fpWeight + ", " + fnWeight);
      }
    }
  }

  /** An inclusive range of row indices labelled anomalous. */
  record Window(int start, int end) {
    Window {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("window needs 0 <= start <= end but was [" + start + ", " + end + "]");
      }
    }

    int width() {
      return end - start + 1;
    }
  }

  /** One series' anomaly scores, one per row, with its windows in time order. */
  record ScoredSeries(String key, double[] scores, List<Window> windows) {
    ScoredSeries {
      Objects.requireNonNull(key, "key");
      scores = scores.clone();
      windows = List.copyOf(windows);
      int previousEnd = -1;
      for (Window w : windows) {
        if (w.start() <= previousEnd || w.end() >= scores.length) {
          throw new IllegalArgumentException("windows of " + key + " must be ordered, disjoint and inside " + scores.length
              + " rows but were " + windows);
        }
        previousEnd = w.end();
      }
    }
  }

  /** The result for one profile: the chosen threshold, the raw score and its normalised form. */
  record ProfileScore(String profile, double threshold, double raw, double nullScore, double perfectScore, int windows) {
    double normalised() {
      return 100 * (raw - nullScore) / (perfectScore - nullScore);
    }
  }

  static int probationLength(int rows) {
    return (int) Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
  }

  /** NAB's scaled sigmoid: 2/(1+e^{5y}) − 1, and −1 from three window widths past a window on. */
  static double scaledSigmoid(double relativePosition) {
    if (relativePosition >= 3.0) {
      return -1.0;
    }
    return 2 / (1 + Math.exp(5 * relativePosition)) - 1.0;
  }

  /** Scores the corpus for one profile with the threshold that maximises the summed score. */
  static ProfileScore score(List<ScoredSeries> corpus, Profile profile) {
    List<Row> rows = new ArrayList<>();
    int windowCount = 0;
    for (ScoredSeries s : corpus) {
      windowCount += sweepRows(s, profile, windowCount, rows);
    }
    Row[] sorted = rows.toArray(Row[]::new);
    Arrays.sort(sorted, (a, b) -> Double.compare(b.anomalyScore, a.anomalyScore));
    double[] best = new double[windowCount];
    Arrays.fill(best, -profile.fnWeight());
    double nullScore = -profile.fnWeight() * windowCount;
    double windowPart = nullScore;
    double fpPart = 0;
    double bestScore = nullScore;
    double bestThreshold = Double.POSITIVE_INFINITY;
    for (int i = 0; i < sorted.length; i++) {
      Row r = sorted[i];
      if (r.window < 0) {
        fpPart += r.sweepScore;
      } else if (r.sweepScore > best[r.window]) {
        windowPart += r.sweepScore - best[r.window];
        best[r.window] = r.sweepScore;
      }
      boolean lastOfScore = i == sorted.length - 1 || sorted[i + 1].anomalyScore != r.anomalyScore;
      if (lastOfScore && windowPart + fpPart > bestScore) {
        bestScore = windowPart + fpPart;
        bestThreshold = r.anomalyScore;
      }
    }
    return new ProfileScore(profile.name(), bestThreshold, bestScore, nullScore, profile.tpWeight() * windowCount, windowCount);
  }

  /** A scorable row: its anomaly score, its weighted sweep score, and its global window id or −1. */
  record Row(double anomalyScore, double sweepScore, int window) {}

  /**
   * Adds the scorable rows of one series and returns how many of its windows count: a window whose rows all
   * fall in the probationary period has no name in NAB and so is neither rewarded nor charged.
   */
  static int sweepRows(ScoredSeries s, Profile profile, int firstWindowId, List<Row> out) {
    double[] scores = s.scores();
    int probation = probationLength(scores.length);
    double maxTp = scaledSigmoid(-1.0);
    int counted = 0;
    int next = 0;
    Window current = null;
    Window previous = null;
    int currentId = -1;
    for (int i = 0; i < scores.length; i++) {
      if (current == null && next < s.windows().size() && s.windows().get(next).start() == i) {
        current = s.windows().get(next++);
        currentId = -1;
      }
      double sweep;
      if (current != null) {
        double position = -(current.end() - i + 1) / (double) current.width();
        sweep = scaledSigmoid(position) * profile.tpWeight() / maxTp;
      } else if (previous == null) {
        sweep = -profile.fpWeight();
      } else {
        double position = Math.abs(previous.end() - i) / (double) (previous.width() - 1);
        sweep = scaledSigmoid(position) * profile.fpWeight();
      }
      if (i >= probation) {
        if (current != null && currentId < 0) {
          currentId = firstWindowId + counted++;
        }
        double score = Double.isNaN(scores[i]) ? 0 : scores[i];
        out.add(new Row(score, sweep, current == null ? -1 : currentId));
      }
      if (current != null && i == current.end()) {
        previous = current;
        current = null;
      }
    }
    return counted;
  }
}
