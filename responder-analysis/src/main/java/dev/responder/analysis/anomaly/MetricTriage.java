package dev.responder.analysis.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Multivariate triage for one service: which of its metrics moved most in an incident window compared with
 * a baseline period. Each metric gets a robust z-score, (median of the window − median of the baseline) /
 * robust sigma of the baseline (1.4826·MAD, or the IQR when more than half the baseline is one value), so
 * one wild point neither in the baseline nor in the window decides the ranking. A pure function.
 */
public final class MetricTriage {
  private MetricTriage() {}

  /** The direction of a deviation. */
  public enum Direction { UP, DOWN, NONE }

  /**
   * One metric's values in the baseline period and in the window under investigation.
   *
   * @param metric the metric name, used in the result and to break ties
   */
  public record MetricSample(String metric, double[] baseline, double[] window) {
    public MetricSample {
      Objects.requireNonNull(metric, "metric");
      baseline = finite(metric, "baseline", baseline);
      window = finite(metric, "window", window);
    }

    private static double[] finite(String metric, String what, double[] values) {
      double[] copy = Arrays.stream(values).filter(Double::isFinite).toArray();
      if (copy.length == 0) {
        throw new IllegalArgumentException(what + " of metric " + metric + " needs at least one finite value but had "
            + values.length + " values, none finite");
      }
      return copy;
    }
  }

  /**
   * How far one metric's window sits from its baseline.
   *
   * @param score |robust z|, 0 when the window matches the baseline
   */
  public record MetricDeviation(String metric, double score, Direction direction, double baselineMedian,
      double windowMedian, double baselineSigma) {}

  /** The {@code k} metrics that deviate most, largest first; ties by metric name. */
  public static List<MetricDeviation> rank(List<MetricSample> metrics, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1 but was " + k);
    }
    List<MetricDeviation> all = new ArrayList<>(metrics.size());
    for (MetricSample m : metrics) {
      all.add(deviation(m));
    }
    all.sort(Comparator.comparingDouble(MetricDeviation::score).reversed().thenComparing(MetricDeviation::metric));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  /** The deviation of one metric. */
  public static MetricDeviation deviation(MetricSample m) {
    double[] base = m.baseline().clone();
    Arrays.sort(base);
    double[] win = m.window().clone();
    Arrays.sort(win);
    double baseMedian = quantile(base, 0.5);
    double winMedian = quantile(win, 0.5);
    double[] absDev = new double[base.length];
    for (int i = 0; i < base.length; i++) {
      absDev[i] = Math.abs(base[i] - baseMedian);
    }
    Arrays.sort(absDev);
    double sigma = Math.max(1.4826 * quantile(absDev, 0.5), (quantile(base, 0.75) - quantile(base, 0.25)) / 1.349);
    // A constant baseline has no spread; any change is then measured against a tiny relative scale.
    sigma = Math.max(sigma, 1e-9 * Math.max(1, Math.abs(baseMedian)));
    double z = (winMedian - baseMedian) / sigma;
    Direction d = z > 0 ? Direction.UP : z < 0 ? Direction.DOWN : Direction.NONE;
    return new MetricDeviation(m.metric(), Math.abs(z), d, baseMedian, winMedian, sigma);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
