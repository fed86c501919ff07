package dev.responder.app.otlp;

import dev.responder.app.otlp.SeriesMemory.ExpRange;

/**
 * Quantiles from bucketed distributions.
 *
 * <p>Explicit buckets follow Prometheus' {@code histogram_quantile} (promql/quantile.go, bucketQuantile):
 * find the bucket holding rank {@code q * count} and interpolate linearly between its bounds; the first
 * bucket starts at 0 when its upper bound is positive; a rank in the overflow bucket returns the highest
 * finite bound. Exponential buckets (OTLP ExponentialHistogram: bucket {@code i} covers
 * {@code (base^i, base^(i+1)]} with {@code base = 2^(2^-scale)}) use the same linear interpolation,
 * walking negative buckets, the zero bucket and positive buckets in ascending order of value.
 */
final class Quantiles {
  /** The quantiles Responder stores, and the metric name suffixes they get. */
  static final double[] LEVELS = {0.5, 0.95, 0.99};
  static final String[] SUFFIXES = {".p50", ".p95", ".p99"};

  private Quantiles() {}

  /**
   * @param bounds the explicit upper bounds, ascending
   * @param counts per-bucket (not cumulative) counts, {@code bounds.length + 1} of them, the last for +Inf
   * @return the quantile, or NaN when there are no bounds or no observations
   */
  static double explicit(double q, double[] bounds, long[] counts) {
    if (bounds.length == 0 || counts.length != bounds.length + 1) {
      return Double.NaN;
    }
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long below = 0;
    for (int b = 0; b < bounds.length; b++) {
      long inBucket = counts[b];
      if (below + inBucket >= rank) {
        if (b == 0 && bounds[0] <= 0) {
          return bounds[0];
        }
        double lower = b == 0 ? 0 : bounds[b - 1];
        return lower + (bounds[b] - lower) * ((rank - below) / inBucket);
      }
      below += inBucket;
    }
    return bounds[bounds.length - 1];
  }

  /** @return the quantile of an exponential histogram, or NaN when it holds no observations */
  static double exponential(double q, int scale, double zeroThreshold, long zeroCount, ExpRange positive,
                            ExpRange negative) {
    long total = zeroCount + sum(positive.counts()) + sum(negative.counts());
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long below = 0;
    long[] neg = negative.counts();
    for (int k = neg.length - 1; k >= 0; k--) {
      if (neg[k] > 0 && below + neg[k] >= rank) {
        int index = negative.offset() + k;
        return interpolate(-bound(index + 1, scale), -bound(index, scale), rank - below, neg[k]);
      }
      below += neg[k];
    }
    if (zeroCount > 0 && below + zeroCount >= rank) {
      return interpolate(-zeroThreshold, zeroThreshold, rank - below, zeroCount);
    }
    below += zeroCount;
    long[] pos = positive.counts();
    for (int k = 0; k < pos.length; k++) {
      if (pos[k] > 0 && below + pos[k] >= rank) {
        int index = positive.offset() + k;
        return interpolate(bound(index, scale), bound(index + 1, scale), rank - below, pos[k]);
      }
      below += pos[k];
    }
    return pos.length > 0 ? bound(positive.offset() + pos.length, scale) : zeroThreshold;
  }

  /** The lower bound of positive bucket {@code index}: {@code base^index = 2^(index * 2^-scale)}. */
  static double bound(int index, int scale) {
    return Math.pow(2, Math.scalb((double) index, -scale));
  }

  private static double interpolate(double lower, double upper, double rankInBucket, long inBucket) {
    return lower + (upper - lower) * (rankInBucket / inBucket);
  }

  static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
