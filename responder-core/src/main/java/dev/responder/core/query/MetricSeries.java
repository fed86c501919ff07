package dev.responder.core.query;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One aggregated series: buckets in ascending time; {@code instance} is empty when aggregated per service. */
public record MetricSeries(String service, String instance, String metric, List<Point> points) {
  /** The value of one bucket, which starts at {@code ts}. */
  public record Point(Instant ts, double value) {}

  public MetricSeries {
    Objects.requireNonNull(service, "service");
    instance = instance == null ? "" : instance;
    Objects.requireNonNull(metric, "metric");
    points = List.copyOf(points);
  }
}
