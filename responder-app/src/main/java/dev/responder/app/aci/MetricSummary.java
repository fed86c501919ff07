package dev.responder.app.aci;

import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import java.util.Arrays;
import java.util.List;

/**
 * A series' window against its baseline: medians, the window's maximum and last value, and the robust shift of
 * the window median in baseline spreads (MAD scaled to sigma, floored at 5 % of the level so flat baselines stay sane).
 */
record MetricSummary(double baselineMedian, double windowMedian, double windowMax, double windowLast, double shift) {

  static MetricSummary of(MetricSeries s, TimeWindow baseline, TimeWindow window) {
    double[] base = values(s.points(), baseline);
    double[] win = values(s.points(), window);
    if (win.length == 0) {
      return new MetricSummary(median(base), Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double bm = median(base);
    double wm = median(win);
    double max = Arrays.stream(win).max().orElse(Double.NaN);
    if (base.length == 0) {
      return new MetricSummary(Double.NaN, wm, max, win[win.length - 1], 0);
    }
    double[] dev = Arrays.stream(base).map(v -> Math.abs(v - bm)).toArray();
    double spread = Math.max(1.4826 * median(dev), Math.max(0.05 * Math.max(Math.abs(bm), Math.abs(wm)), 1e-6));
    return new MetricSummary(bm, wm, max, win[win.length - 1], (wm - bm) / spread);
  }

  private static double[] values(List<MetricSeries.Point> points, TimeWindow w) {
    return points.stream().filter(p -> w.contains(p.ts()) && Double.isFinite(p.value()))
        .mapToDouble(MetricSeries.Point::value).toArray();
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
