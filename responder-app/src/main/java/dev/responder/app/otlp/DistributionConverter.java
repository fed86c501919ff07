package dev.responder.app.otlp;

import static dev.responder.app.otlp.MetricConverter.firstWindow;
import static dev.responder.app.otlp.MetricConverter.restarted;

import dev.responder.app.otlp.SeriesMemory.Buckets;
import dev.responder.app.otlp.SeriesMemory.ExpBuckets;
import dev.responder.app.otlp.SeriesMemory.ExpRange;
import dev.responder.app.otlp.SeriesMemory.SeriesKey;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.Arrays;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Histograms and summaries into {@code .p50/.p95/.p99}, {@code .count} (per second) and {@code .avg}. Cumulative
 * points are first turned into the distribution of the interval since the previous point of the series.
 */
final class DistributionConverter {
  private static final long[] NO_COUNTS = new long[0];
  private static final double[] NO_BOUNDS = new double[0];

  private final MetricConverter metrics;

  DistributionConverter(MetricConverter metrics) {
    this.metrics = metrics;
  }

  /** What happened in one interval: the observations and the time they span (0 when unknown). */
  private record Interval(long count, double sum, long window) {}

  void histogram(String name, Histogram histogram) {
    boolean delta = histogram.getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
    Names names = new Names(name);
    for (int i = 0; i < histogram.getDataPointsCount(); i++) {
      HistogramDataPoint p = histogram.getDataPoints(i);
      long t = metrics.time(p.getTimeUnixNano(), name, i);
      if (MetricConverter.noRecordedValue(p.getFlags())) {
        continue;
      }
      double[] bounds = bounds(p);
      long[] counts = counts(p);
      if (counts.length != 0 && counts.length != bounds.length + 1) {
        throw metrics.invalid(name, i, "has " + counts.length + " bucket counts for " + bounds.length
            + " explicit bounds; expected " + (bounds.length + 1));
      }
      Map<String, String> labels = AnyValues.attributes(p.getAttributesList());
      SeriesKey key = metrics.key(name, labels);
      Buckets prev = metrics.staging().get(key) instanceof Buckets b ? b : null;
      long start = p.getStartTimeUnixNano();
      if (!delta && prev != null && t <= prev.time()) {
        continue;
      }
      if (!delta || start == 0) {
        metrics.staging().put(key, new Buckets(t, start, p.getCount(), p.getSum(), bounds, counts));
      }
      long[] diff = delta || prev == null || restarted(start, prev) || !Arrays.equals(bounds, prev.bounds())
          || p.getCount() < prev.count() ? null : subtract(counts, prev.counts());
      Interval interval = diff == null
          ? new Interval(p.getCount(), p.getSum(), firstWindow(t, start, prev))
          : new Interval(p.getCount() - prev.count(), p.getSum() - prev.sum(), t - prev.time());
      long[] inInterval = diff == null ? counts : diff;
      emit(t, names, labels, interval, p.hasSum(), q -> Quantiles.explicit(q, bounds, inInterval));
    }
  }

  void exponentialHistogram(String name, ExponentialHistogram histogram) {
    boolean delta = histogram.getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
    Names names = new Names(name);
    for (int i = 0; i < histogram.getDataPointsCount(); i++) {
      ExponentialHistogramDataPoint p = histogram.getDataPoints(i);
      long t = metrics.time(p.getTimeUnixNano(), name, i);
      if (MetricConverter.noRecordedValue(p.getFlags())) {
        continue;
      }
      Map<String, String> labels = AnyValues.attributes(p.getAttributesList());
      SeriesKey key = metrics.key(name, labels);
      ExpBuckets prev = metrics.staging().get(key) instanceof ExpBuckets b ? b : null;
      long start = p.getStartTimeUnixNano();
      if (!delta && prev != null && t <= prev.time()) {
        continue;
      }
      ExpBuckets now = new ExpBuckets(t, start, p.getCount(), p.getSum(), p.getScale(), p.getZeroCount(),
          range(p.getPositive()), range(p.getNegative()));
      if (!delta || start == 0) {
        metrics.staging().put(key, now);
      }
      ExpBuckets interval = delta || prev == null || restarted(start, prev) ? null : difference(now, prev);
      ExpBuckets used = interval == null ? now : interval;
      long window = interval == null ? firstWindow(t, start, prev) : t - prev.time();
      double zeroThreshold = p.getZeroThreshold();
      emit(t, names, labels, new Interval(used.count(), used.sum(), window), p.hasSum(), q -> Quantiles.exponential(
          q, used.scale(), zeroThreshold, used.zeroCount(), used.positive(), used.negative()));
    }
  }

  void summary(String name, Summary summary) {
    Names names = new Names(name);
    for (int i = 0; i < summary.getDataPointsCount(); i++) {
      SummaryDataPoint p = summary.getDataPoints(i);
      long t = metrics.time(p.getTimeUnixNano(), name, i);
      if (MetricConverter.noRecordedValue(p.getFlags())) {
        continue;
      }
      Map<String, String> labels = AnyValues.attributes(p.getAttributesList());
      SeriesKey key = metrics.key(name, labels);
      Buckets prev = metrics.staging().get(key) instanceof Buckets b ? b : null;
      long start = p.getStartTimeUnixNano();
      if (prev != null && t <= prev.time()) {
        continue;
      }
      metrics.staging().put(key, new Buckets(t, start, p.getCount(), p.getSum(), NO_BOUNDS, NO_COUNTS));
      boolean continues = prev != null && !restarted(start, prev) && p.getCount() >= prev.count();
      Interval interval = continues
          ? new Interval(p.getCount() - prev.count(), p.getSum() - prev.sum(), t - prev.time())
          : new Interval(p.getCount(), p.getSum(), firstWindow(t, start, prev));
      emit(t, names, labels, interval, true, q -> quantileValue(p, q));
    }
  }

  private void emit(long t, Names names, Map<String, String> labels, Interval interval, boolean hasSum,
                    DoubleUnaryOperator quantile) {
    if (interval.window() > 0) {
      metrics.emit(t, names.count, interval.count() / MetricConverter.seconds(interval.window()), labels);
    }
    if (interval.count() <= 0) {
      return;
    }
    if (hasSum) {
      metrics.emit(t, names.avg, interval.sum() / interval.count(), labels);
    }
    for (int q = 0; q < Quantiles.LEVELS.length; q++) {
      double value = quantile.applyAsDouble(Quantiles.LEVELS[q]);
      if (!Double.isNaN(value)) {
        metrics.emit(t, names.quantiles[q], value, labels);
      }
    }
  }

  private static double quantileValue(SummaryDataPoint p, double level) {
    for (int i = 0; i < p.getQuantileValuesCount(); i++) {
      SummaryDataPoint.ValueAtQuantile v = p.getQuantileValues(i);
      if (Math.abs(v.getQuantile() - level) < 1e-9) {
        return v.getValue();
      }
    }
    return Double.NaN;
  }

  /** Bucket-wise {@code now - prev}; null when a bucket shrank (a reset) or the buckets do not line up. */
  static long[] subtract(long[] now, long[] prev) {
    if (now.length != prev.length) {
      return null;
    }
    long[] out = new long[now.length];
    for (int i = 0; i < now.length; i++) {
      out[i] = now[i] - prev[i];
      if (out[i] < 0) {
        return null;
      }
    }
    return out;
  }

  /**
   * The observations between two cumulative exponential points. The SDK may lower the scale as values spread,
   * so the previous point is first brought down to the current scale; a previous scale below the current one,
   * or any bucket that shrank, means a reset (null).
   */
  static ExpBuckets difference(ExpBuckets now, ExpBuckets prev) {
    int shift = prev.scale() - now.scale();
    if (shift < 0 || now.count() < prev.count() || now.zeroCount() < prev.zeroCount()) {
      return null;
    }
    ExpRange positive = subtract(now.positive(), downscale(prev.positive(), shift));
    ExpRange negative = subtract(now.negative(), downscale(prev.negative(), shift));
    if (positive == null || negative == null) {
      return null;
    }
    return new ExpBuckets(now.time(), now.start(), now.count() - prev.count(), now.sum() - prev.sum(),
        now.scale(), now.zeroCount() - prev.zeroCount(), positive, negative);
  }

  /** Merges buckets {@code shift} scales down: index i becomes {@code i >> shift} (floor, also for negatives). */
  static ExpRange downscale(ExpRange range, int shift) {
    long[] counts = range.counts();
    if (shift == 0 || counts.length == 0) {
      return shift == 0 ? range : new ExpRange(range.offset() >> shift, NO_COUNTS);
    }
    int offset = range.offset() >> shift;
    int last = (range.offset() + counts.length - 1) >> shift;
    long[] merged = new long[last - offset + 1];
    for (int j = 0; j < counts.length; j++) {
      merged[((range.offset() + j) >> shift) - offset] += counts[j];
    }
    return new ExpRange(offset, merged);
  }

  private static ExpRange subtract(ExpRange now, ExpRange prev) {
    long[] out = now.counts().clone();
    long[] before = prev.counts();
    for (int j = 0; j < before.length; j++) {
      if (before[j] == 0) {
        continue;
      }
      int k = prev.offset() + j - now.offset();
      if (k < 0 || k >= out.length || (out[k] -= before[j]) < 0) {
        return null;
      }
    }
    return new ExpRange(now.offset(), out);
  }

  private static ExpRange range(ExponentialHistogramDataPoint.Buckets buckets) {
    long[] counts = new long[buckets.getBucketCountsCount()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = buckets.getBucketCounts(i);
    }
    return new ExpRange(buckets.getOffset(), counts);
  }

  private static double[] bounds(HistogramDataPoint p) {
    double[] bounds = new double[p.getExplicitBoundsCount()];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = p.getExplicitBounds(i);
    }
    return bounds;
  }

  private static long[] counts(HistogramDataPoint p) {
    long[] counts = new long[p.getBucketCountsCount()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = p.getBucketCounts(i);
    }
    return counts;
  }

  /** The derived metric names, built once per metric rather than once per point. */
  private static final class Names {
    final String count;
    final String avg;
    final String[] quantiles = new String[Quantiles.SUFFIXES.length];

    Names(String base) {
      count = base + ".count";
      avg = base + ".avg";
      for (int q = 0; q < quantiles.length; q++) {
        quantiles[q] = base + Quantiles.SUFFIXES[q];
      }
    }
  }
}
