package dev.responder.core.query;

import java.time.Duration;
import java.util.Objects;

/**
 * Metric series bucketed in time. A null {@code service} or {@code metric} matches all; {@code byInstance}
 * keeps instances apart instead of aggregating them per service. The limit counts returned points.
 */
public record MetricQuery(String service, String metric, TimeWindow window, Duration bucket, Aggregation aggregation,
                          boolean byInstance, int limit) {
  public MetricQuery {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.toMillis() < 1) {
      throw new IllegalArgumentException("bucket must be >= 1ms but was " + bucket);
    }
    Objects.requireNonNull(aggregation, "aggregation");
    Limits.check(limit);
  }

  public static MetricQuery of(String service, String metric, TimeWindow window, Duration bucket, Aggregation aggregation) {
    return new MetricQuery(service, metric, window, bucket, aggregation, false, Limits.MAX);
  }
}
