package dev.responder.analysis.anomaly;

import java.util.Arrays;

/**
 * A daily profile: for each phase-of-day bucket, the mean deviation from the level on each of the last
 * {@code days} days. The prediction for a phase is the median of the previous days' means, so one odd day
 * does not move it. The bucket width is set from the series' sampling interval (learned from the first
 * points) so sparse and dense series both get a few points per bucket per day. Memory is
 * {@code buckets x days}.
 */
final class SeasonalProfile {
  private static final long DAY_MILLIS = 86_400_000L;
  private static final int INTERVAL_SAMPLES = 9;

  private final int maxBuckets;
  private final int days;
  private final long[] intervals = new long[INTERVAL_SAMPLES];
  private int intervalCount;
  private long lastMillis = Long.MIN_VALUE;
  private long bucketMillis;
  private int buckets;
  private double[] sums;
  private int[] counts;
  private long[] dayOf;
  private final double[] scratch;

  SeasonalProfile(int maxBuckets, int days) {
    this.maxBuckets = maxBuckets;
    this.days = days;
    this.scratch = new double[days];
  }

  /** The predicted deviation from the level at this time, or NaN while fewer than two past days are known. */
  double predict(long epochMillis) {
    if (sums == null) {
      return Double.NaN;
    }
    long day = Math.floorDiv(epochMillis, DAY_MILLIS);
    int bucket = bucket(epochMillis);
    int n = 0;
    for (int k = 0; k < days; k++) {
      int slot = bucket * days + k;
      long d = dayOf[slot];
      if (counts[slot] > 0 && d < day && d >= day - days) {
        scratch[n++] = sums[slot] / counts[slot];
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    Arrays.sort(scratch, 0, n);
    return (n & 1) == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
  }

  /** Records the deviation of a point from the level. */
  void add(long epochMillis, double deviation) {
    learnInterval(epochMillis);
    if (sums == null) {
      return;
    }
    long day = Math.floorDiv(epochMillis, DAY_MILLIS);
    int slot = bucket(epochMillis) * days + Math.floorMod(day, days);
    if (dayOf[slot] != day) {
      dayOf[slot] = day;
      sums[slot] = 0;
      counts[slot] = 0;
    }
    sums[slot] += deviation;
    counts[slot]++;
  }

  private int bucket(long epochMillis) {
    return (int) Math.min(buckets - 1, Math.floorMod(epochMillis, DAY_MILLIS) / bucketMillis);
  }

  private void learnInterval(long epochMillis) {
    if (sums != null) {
      return;
    }
    if (lastMillis != Long.MIN_VALUE && epochMillis > lastMillis) {
      intervals[intervalCount++] = epochMillis - lastMillis;
    }
    lastMillis = epochMillis;
    if (intervalCount < INTERVAL_SAMPLES) {
      return;
    }
    long[] sorted = intervals.clone();
    Arrays.sort(sorted);
    long interval = sorted[INTERVAL_SAMPLES / 2];
    // Seasonality only makes sense when a day holds several points.
    if (interval > DAY_MILLIS / 8) {
      intervalCount = 0;
      return;
    }
    bucketMillis = Math.max(interval, DAY_MILLIS / maxBuckets);
    buckets = (int) Math.max(1, DAY_MILLIS / bucketMillis);
    sums = new double[buckets * days];
    counts = new int[buckets * days];
    dayOf = new long[buckets * days];
    Arrays.fill(dayOf, Long.MIN_VALUE);
  }
}
