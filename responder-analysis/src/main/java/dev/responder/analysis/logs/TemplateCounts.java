package dev.responder.analysis.logs;

import dev.responder.core.error.ConfigException;
import java.util.List;

/**
 * Counts of lines per template per time bucket, and the two log-pattern signals an investigation wants:
 * templates that are NEW in a window (never seen in the baseline) and templates whose rate SPIKES against the
 * baseline.
 *
 * <p>Design note: the spike score is a Poisson z-score, {@code (observed - expected) / sqrt(expected + 1)},
 * where {@code expected} is the baseline rate (with half a line of smoothing, so a template unseen in the
 * baseline has a small non-zero rate) scaled to the window's length. This is the count test of log anomaly
 * detection surveys (He et al., "Experience Report: System Log Analysis for Anomaly Detection", ISSRE 2016)
 * reduced to one template at a time; it needs no training and is deterministic.
 *
 * <p>Pure and bounded: no clock (callers pass epoch milliseconds), at most {@code maxBuckets} buckets are
 * kept (the oldest are dropped) so memory is O(maxBuckets x templates active per bucket). Not thread-safe.
 */
public interface TemplateCounts {

  /** Creates counts with buckets of {@code bucketMillis} and at most {@code maxBuckets} retained buckets. */
  static TemplateCounts create(long bucketMillis, int maxBuckets) {
    if (bucketMillis < 1) {
      throw new ConfigException("bucketMillis must be >= 1 but was " + bucketMillis);
    }
    if (maxBuckets < 1) {
      throw new ConfigException("maxBuckets must be >= 1 but was " + maxBuckets);
    }
    return new BucketedTemplateCounts(bucketMillis, maxBuckets);
  }

  /** Counts {@code lines} occurrences of a template at {@code epochMillis}. */
  void add(long epochMillis, int templateId, long lines);

  /** Counts one occurrence. */
  default void add(long epochMillis, int templateId) {
    add(epochMillis, templateId, 1);
  }

  /** The start (epoch ms, a multiple of the bucket size) of the bucket holding {@code epochMillis}. */
  long bucketStart(long epochMillis);

  /** Lines of a template in the bucket starting at {@code bucketStart}; 0 when unknown or evicted. */
  long count(int templateId, long bucketStart);

  /** All retained buckets, oldest first. */
  List<Bucket> buckets();

  /**
   * NEW and SPIKE signals for {@code window} against {@code baseline}, ranked by score (highest first, then
   * template id); at most {@code limit}. A template is NEW when it has no line in the baseline, SPIKE when its
   * score reaches {@code minScore}. Both windows are half-open epoch-ms ranges aligned to buckets by their
   * bucket starts.
   */
  List<Signal> signals(Range baseline, Range window, double minScore, int limit);

  /** A half-open range of epoch milliseconds. */
  record Range(long fromMillis, long toMillis) {
    public Range {
      if (toMillis <= fromMillis) {
        throw new IllegalArgumentException("range must end after it starts but was " + fromMillis + " .. " + toMillis);
      }
    }

    long length() {
      return toMillis - fromMillis;
    }
  }

  /** The counts of one bucket. */
  record Bucket(long startMillis, java.util.Map<Integer, Long> countsByTemplate) {
    public Bucket {
      countsByTemplate = java.util.Map.copyOf(countsByTemplate);
    }
  }

  /** What kind of change a template shows in the window. */
  enum Kind { NEW, SPIKE }

  /** One ranked signal. */
  record Signal(int templateId, Kind kind, long windowCount, long baselineCount, double expected, double score) {
  }
}
