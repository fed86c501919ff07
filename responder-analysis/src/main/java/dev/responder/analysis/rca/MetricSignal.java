package dev.responder.analysis.rca;

import dev.responder.core.incident.FaultType;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.topology.ServiceId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metric deviation per service: for every series, a robust z-score of the incident window against the baseline.
 *
 * <p>Design note: BARO (Pham, Ha, Zhang, "BARO: Robust Root Cause Analysis for Microservices via Multivariate
 * Bayesian Online Change Point Detection", FSE 2024) shows that once the anomaly's onset is known, ranking metrics
 * by a robust scaler (median and inter-quartile range of the normal period) beats most graph-based methods, and
 * is far less sensitive to noisy baselines than mean and standard deviation. The onset here is the window start;
 * the scale has a relative floor so that a perfectly flat baseline (a success rate stuck at 100 %) does not turn
 * a tiny wobble into an infinite score. The window statistic is the median of the window points' deviations, so
 * a single spike in an otherwise normal window does not count as a shift.
 */
final class MetricSignal {
  private static final double RELATIVE_FLOOR = 0.05;
  /**
   * The most a series with a stuck baseline (more than half of its baseline points equal) can score. A latency percentile stuck at its histogram's lowest
   * bucket, or a rate stuck at 0, means the service had no traffic worth measuring; its jump to the top bucket when a
   * few requests arrive says nothing about a fault, and with no spread to scale by it would saturate.
   */
  private static final double FLAT_BASELINE_CAP = 3.0;
  /** Too few baseline points say nothing about being stuck. */
  private static final int MIN_POINTS_FOR_FLATNESS = 5;
  private static final double ABSOLUTE_FLOOR = 1e-6;
  /** The 10-90 % range of normal data spans 2.563 standard deviations. */
  private static final double DECILE_RANGE_TO_SIGMA = 2.563;

  private MetricSignal() {}

  static Map<ServiceId, Finding> score(IncidentData data) {
    Map<ServiceId, Finding> out = new HashMap<>();
    data.metrics().forEach((service, seriesList) -> {
      Finding best = null;
      for (MetricSeries series : seriesList) {
        best = Finding.stronger(best, scoreSeries(series, data.baseline(), data.window()));
      }
      if (best != null) {
        out.put(service, best);
      }
    });
    return out;
  }

  /**
   * The median over window points of the signed robust shift {@code (x - median(baseline)) / scale}: positive when
   * the series rose; NaN when either window has no points.
   */
  static double signedShift(MetricSeries series, TimeWindow baseline, TimeWindow window) {
    double[] base = values(series.points(), baseline);
    double[] win = values(series.points(), window);
    if (base.length == 0 || win.length == 0) {
      return Double.NaN;
    }
    double center = Robust.median(base);
    double scale = scale(base, center, Robust.median(win));
    double[] z = new double[win.length];
    for (int i = 0; i < win.length; i++) {
      z[i] = (win[i] - center) / scale;
    }
    return Robust.median(z);
  }

  private static double scale(double[] base, double center, double windowLevel) {
    double spread = Math.max(Robust.MAD_TO_SIGMA * Robust.mad(base, center),
        (Robust.quantile(base, 0.9) - Robust.quantile(base, 0.1)) / DECILE_RANGE_TO_SIGMA);
    return Math.max(spread,
        Math.max(RELATIVE_FLOOR * Math.max(Math.abs(center), Math.abs(windowLevel)), ABSOLUTE_FLOOR));
  }

  static Finding scoreSeries(MetricSeries series, TimeWindow baseline, TimeWindow window) {
    double[] base = values(series.points(), baseline);
    double[] win = values(series.points(), window);
    if (base.length == 0 || win.length == 0) {
      return null;
    }
    double center = Robust.median(base);
    double windowLevel = Robust.median(win);
    double scale = scale(base, center, windowLevel);
    double[] z = new double[win.length];
    for (int i = 0; i < win.length; i++) {
      z[i] = Math.abs(win[i] - center) / scale;
    }
    double strength = Robust.median(z);
    if (base.length >= MIN_POINTS_FOR_FLATNESS && Robust.mad(base, center) == 0) {
      strength = Math.min(strength, FLAT_BASELINE_CAP);
    }
    String name = series.instance().isEmpty() ? series.metric() : series.metric() + "@" + series.instance();
    String evidence = String.format(Locale.ROOT, "metric %s: %.4g -> %.4g (robust z %.1f)", name, center,
        windowLevel, strength);
    return new Finding(strength, evidence, hint(series.metric(), windowLevel > center));
  }

  private static double[] values(List<MetricSeries.Point> points, TimeWindow w) {
    int n = 0;
    for (MetricSeries.Point p : points) {
      if (w.contains(p.ts()) && Double.isFinite(p.value())) {
        n++;
      }
    }
    double[] v = new double[n];
    int i = 0;
    for (MetricSeries.Point p : points) {
      if (w.contains(p.ts()) && Double.isFinite(p.value())) {
        v[i++] = p.value();
      }
    }
    return v;
  }

  /** A fault kind from the metric's name, when the name says it plainly. */
  static FaultType hint(String metric, boolean up) {
    String m = metric.toLowerCase(Locale.ROOT);
    if (m.contains("cpu")) {
      return FaultType.CPU_SATURATION;
    }
    if (m.contains("mem")) {
      return FaultType.MEMORY_LEAK;
    }
    if (m.contains("disk")) {
      return FaultType.DISK_FULL;
    }
    if (m.contains("network") || m.contains("latency") || m.contains("duration") || m.contains("delay")) {
      return FaultType.NETWORK_LATENCY;
    }
    if (m.contains("queue") || m.contains("lag")) {
      return FaultType.QUEUE_LAG;
    }
    if (m.contains("pool") || m.contains("connection")) {
      return FaultType.CONNECTION_POOL_EXHAUSTION;
    }
    if ((m.contains("request") || m.contains("workload") || m.contains("rps")) && up) {
      return FaultType.TRAFFIC_SURGE;
    }
    return FaultType.UNKNOWN;
  }
}
