package dev.responder.analysis.rca;

import java.util.Arrays;

/** Order statistics on small arrays; callers pass copies they no longer need (arrays are sorted in place). */
final class Robust {
  /** Consistency constant making the MAD estimate the standard deviation of normal data. */
  static final double MAD_TO_SIGMA = 1.4826;

  private Robust() {}

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** Median absolute deviation from {@code center}, unscaled. */
  static double mad(double[] values, double center) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(values[i] - center);
    }
    return median(d);
  }

  /** The {@code q}-quantile by linear interpolation between order statistics. */
  static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, v.length - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }
}
