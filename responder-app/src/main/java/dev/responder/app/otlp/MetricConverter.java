package dev.responder.app.otlp;

import dev.responder.app.otlp.SeriesMemory.Last;
import dev.responder.app.otlp.SeriesMemory.Scalar;
import dev.responder.app.otlp.SeriesMemory.SeriesKey;
import dev.responder.core.telemetry.MetricPoint;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts one metrics export request into metric points (rules in {@link OtlpDecoder}). Gauges and sums are
 * handled here, histograms and summaries by {@link DistributionConverter}; this class holds what both need:
 * the current resource, the timestamp rules, the series state and the output.
 */
final class MetricConverter {
  private static final int NO_RECORDED_VALUE = 1;

  private final TimeRules rules;
  private final SeriesMemory.Staging staging;
  private final List<MetricPoint> out = new ArrayList<>();
  private final DistributionConverter distributions = new DistributionConverter(this);
  private ResourceInfo resource;
  private int resourceIndex;

  private MetricConverter(TimeRules rules, SeriesMemory.Staging staging) {
    this.rules = rules;
    this.staging = staging;
  }

  static List<MetricPoint> convert(ExportMetricsServiceRequest request, TimeRules rules,
                                   SeriesMemory.Staging staging) {
    MetricConverter converter = new MetricConverter(rules, staging);
    for (int r = 0; r < request.getResourceMetricsCount(); r++) {
      converter.resource(request.getResourceMetrics(r), r);
    }
    return converter.out;
  }

  private void resource(ResourceMetrics resourceMetrics, int index) {
    resource = ResourceInfo.of(resourceMetrics.getResource(), index);
    resourceIndex = index;
    for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
      for (int m = 0; m < scope.getMetricsCount(); m++) {
        metric(scope.getMetrics(m), m);
      }
    }
  }

  private void metric(Metric metric, int index) {
    String name = metric.getName();
    if (name.isBlank()) {
      throw new Rejection(RejectReason.INVALID_DATA, "metric " + index + " of resource " + resourceIndex
          + " has no name");
    }
    switch (metric.getDataCase()) {
      case GAUGE -> gauge(name, metric.getGauge().getDataPointsList());
      case SUM -> sum(name, metric.getSum());
      case HISTOGRAM -> distributions.histogram(name, metric.getHistogram());
      case EXPONENTIAL_HISTOGRAM -> distributions.exponentialHistogram(name, metric.getExponentialHistogram());
      case SUMMARY -> distributions.summary(name, metric.getSummary());
      case DATA_NOT_SET -> { }
    }
  }

  private void gauge(String name, List<NumberDataPoint> points) {
    for (int i = 0; i < points.size(); i++) {
      NumberDataPoint p = points.get(i);
      long t = time(p.getTimeUnixNano(), name, i);
      if (hasValue(p)) {
        emit(t, name, value(p), AnyValues.attributes(p.getAttributesList()));
      }
    }
  }

  private void sum(String name, Sum sum) {
    boolean delta = sum.getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
    for (int i = 0; i < sum.getDataPointsCount(); i++) {
      NumberDataPoint p = sum.getDataPoints(i);
      long t = time(p.getTimeUnixNano(), name, i);
      if (!hasValue(p)) {
        continue;
      }
      Map<String, String> labels = AnyValues.attributes(p.getAttributesList());
      if (sum.getIsMonotonic()) {
        rate(t, p.getStartTimeUnixNano(), name, value(p), labels, delta);
      } else {
        emit(t, name, value(p), labels);
      }
    }
  }

  private void rate(long t, long start, String name, double value, Map<String, String> labels, boolean delta) {
    SeriesKey key = key(name, labels);
    Scalar prev = staging.get(key) instanceof Scalar s ? s : null;
    if (!delta && prev != null && t <= prev.time()) {
      return;
    }
    if (!delta || start == 0) {
      staging.put(key, new Scalar(t, start, value));
    }
    boolean continues = !delta && prev != null && value >= prev.value() && !restarted(start, prev);
    double increase = continues ? value - prev.value() : value;
    long window = continues ? t - prev.time() : firstWindow(t, start, prev);
    if (window > 0) {
      emit(t, name, increase / seconds(window), labels);
    }
  }

  /** The interval a first point (or a delta, or a point after a reset) covers; 0 when unknown. */
  static long firstWindow(long t, long start, Last prev) {
    if (start > 0 && start < t) {
      return t - start;
    }
    return prev != null && prev.time() < t ? t - prev.time() : 0;
  }

  /** A changed start time means the producer restarted its counters. */
  static boolean restarted(long start, Last prev) {
    return start > 0 && prev.start() > 0 && start != prev.start();
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static boolean hasValue(NumberDataPoint p) {
    return (p.getFlags() & NO_RECORDED_VALUE) == 0 && p.getValueCase() != NumberDataPoint.ValueCase.VALUE_NOT_SET;
  }

  private static double value(NumberDataPoint p) {
    return p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
  }

  static boolean noRecordedValue(int flags) {
    return (flags & NO_RECORDED_VALUE) != 0;
  }

  /** Checks a point's timestamp and returns it. */
  long time(long nanos, String metric, int point) {
    if (!rules.accepts(nanos)) {
      throw rules.reject(nanos, "timeUnixNano of metric '" + metric + "' point " + point + " in resource "
          + resourceIndex);
    }
    return nanos;
  }

  Rejection invalid(String metric, int point, String problem) {
    return new Rejection(RejectReason.INVALID_DATA, "metric '" + metric + "' point " + point + " in resource "
        + resourceIndex + " " + problem);
  }

  SeriesMemory.Staging staging() {
    return staging;
  }

  SeriesKey key(String name, Map<String, String> labels) {
    return new SeriesKey(resource.service(), resource.instance(), name, labels);
  }

  void emit(long t, String name, double value, Map<String, String> labels) {
    out.add(new MetricPoint(TimeRules.instant(t), resource.service(), resource.instance(), name, value, labels));
  }
}
