package dev.responder.app.otlp;

import static dev.responder.app.otlp.OtlpRequests.at;
import static dev.responder.app.otlp.OtlpRequests.attr;
import static dev.responder.app.otlp.OtlpRequests.gauge;
import static dev.responder.app.otlp.OtlpRequests.metrics;
import static dev.responder.app.otlp.OtlpRequests.nanos;
import static dev.responder.app.otlp.OtlpRequests.point;
import static dev.responder.app.otlp.OtlpRequests.resource;
import static dev.responder.app.otlp.OtlpRequests.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.responder.app.otlp.OtlpDecoder.Accepted;
import dev.responder.app.otlp.OtlpDecoder.Encoding;
import dev.responder.app.otlp.OtlpDecoder.Rejected;
import dev.responder.app.otlp.OtlpDecoder.Result;
import dev.responder.app.otlp.OtlpDecoder.Signal;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.testkit.MutableClock;
import dev.responder.core.topology.ServiceId;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OtlpDecoderMetricsTest {
  private static final Resource CHECKOUT = resource("checkout", "checkout-1");

  private final MutableClock clock = new MutableClock(OtlpRequests.NOW);
  private final OtlpDecoder decoder = OtlpDecoder.create(OtlpSettings.defaults(), clock);

  @Test
  void decoder_storesGaugeAsIs_withServiceInstanceAndLabels() {
    List<MetricPoint> points = accept(metrics(CHECKOUT,
        gauge("queue.depth", point(-1, 10, 7, attr("queue", "orders")))));

    assertThat(points).containsExactly(new MetricPoint(at(10), ServiceId.of("checkout"),
        "checkout-1", "queue.depth", 7, Map.of("queue", "orders")));
  }

  @Test
  void decoder_takesHostNameAsInstance_whenNoServiceInstanceId() {
    Resource resource = Resource.newBuilder().addAttributes(attr("service.name", "cart"))
        .addAttributes(attr("host.name", "node-7")).build();

    List<MetricPoint> points = accept(metrics(resource, gauge("up", point(-1, 10, 1))));

    assertThat(points.getFirst().instance()).isEqualTo("node-7");
  }

  @Test
  void decoder_turnsCumulativeSumIntoRate_acrossTwoExports() {
    List<MetricPoint> first = accept(metrics(CHECKOUT, sum("http.requests", true, false, point(0, 10, 100))));
    List<MetricPoint> second = accept(metrics(CHECKOUT, sum("http.requests", true, false, point(0, 20, 160))));

    assertThat(first).singleElement().satisfies(p -> {
      assertThat(p.ts()).isEqualTo(at(10));
      assertThat(p.value()).isEqualTo(10.0);
    });
    assertThat(second).singleElement().satisfies(p -> {
      assertThat(p.ts()).isEqualTo(at(20));
      assertThat(p.value()).isEqualTo(6.0);
    });
  }

  @Test
  void decoder_keepsSeparateRatesPerLabelSet() {
    accept(metrics(CHECKOUT, sum("http.requests", true, false,
        point(0, 10, 100, attr("code", "200")), point(0, 10, 5, attr("code", "500")))));

    List<MetricPoint> next = accept(metrics(CHECKOUT, sum("http.requests", true, false,
        point(0, 20, 200, attr("code", "200")), point(0, 20, 25, attr("code", "500")))));

    assertThat(next).extracting(p -> p.labels().get("code"), MetricPoint::value)
        .containsExactly(tuple("200", 10.0), tuple("500", 2.0));
  }

  @Test
  void decoder_treatsCounterResetAsIncreaseSinceStart() {
    accept(metrics(CHECKOUT, sum("http.requests", true, false, point(0, 10, 100))));

    List<MetricPoint> restarted = accept(metrics(CHECKOUT, sum("http.requests", true, false, point(15, 20, 30))));
    List<MetricPoint> dropped = accept(metrics(CHECKOUT, sum("http.requests", true, false, point(15, 30, 10))));

    assertThat(restarted).singleElement().extracting(MetricPoint::value).isEqualTo(6.0);
    assertThat(dropped).singleElement().extracting(MetricPoint::value).isEqualTo(10.0 / 15);
  }

  @Test
  void decoder_skipsCumulativePoint_notNewerThanTheLastOfItsSeries() {
    accept(metrics(CHECKOUT, sum("http.requests", true, false, point(0, 10, 100))));

    assertThat(accept(metrics(CHECKOUT, sum("http.requests", true, false, point(0, 10, 100))))).isEmpty();
  }

  @Test
  void decoder_dividesDeltaSumByItsInterval() {
    List<MetricPoint> points = accept(metrics(CHECKOUT, sum("bytes.sent", true, true, point(10, 15, 20))));

    assertThat(points).singleElement().extracting(MetricPoint::value).isEqualTo(4.0);
  }

  @Test
  void decoder_storesUpDownCounterAsLevel() {
    List<MetricPoint> points = accept(metrics(CHECKOUT,
        sum("db.connections", false, false, point(0, 10, 42), point(0, 20, 40))));

    assertThat(points).extracting(MetricPoint::value).containsExactly(42.0, 40.0);
  }

  @Test
  void decoder_turnsHistogramIntoQuantilesCountRateAndAverage() {
    Metric histogram = histogram("http.latency", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
        explicit(0, 10, List.of(0.0, 5.0, 10.0, 25.0, 50.0), List.of(0L, 2L, 4L, 3L, 1L, 0L), 150));

    Map<String, Double> values = byName(accept(metrics(CHECKOUT, histogram)));

    // 10 observations: p50 is rank 5, 3 into the 4 of (5,10]; p95 rank 9.5 and p99 rank 9.9 lie in (25,50].
    assertThat(values).containsOnlyKeys("http.latency.count", "http.latency.avg", "http.latency.p50",
        "http.latency.p95", "http.latency.p99");
    assertThat(values.get("http.latency.count")).isEqualTo(1.0);
    assertThat(values.get("http.latency.avg")).isEqualTo(15.0);
    assertThat(values.get("http.latency.p50")).isEqualTo(8.75);
    assertThat(values.get("http.latency.p95")).isCloseTo(37.5, within(1e-9));
    assertThat(values.get("http.latency.p99")).isCloseTo(47.5, within(1e-9));
  }

  @Test
  void decoder_subtractsPreviousBuckets_forCumulativeHistogram() {
    AggregationTemporality cumulative = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    List<Double> bounds = List.of(0.0, 5.0, 10.0, 25.0, 50.0);
    accept(metrics(CHECKOUT, histogram("http.latency", cumulative,
        explicit(0, 10, bounds, List.of(0L, 2L, 4L, 3L, 1L, 0L), 150))));

    Map<String, Double> values = byName(accept(metrics(CHECKOUT, histogram("http.latency", cumulative,
        explicit(0, 20, bounds, List.of(0L, 2L, 4L, 3L, 3L, 0L), 230)))));

    // Only the 2 new observations, both in (25,50], count for the interval from t=10 to t=20.
    assertThat(values.get("http.latency.count")).isEqualTo(0.2);
    assertThat(values.get("http.latency.avg")).isEqualTo(40.0);
    assertThat(values.get("http.latency.p50")).isEqualTo(37.5);
    assertThat(values.get("http.latency.p95")).isCloseTo(48.75, within(1e-9));
    assertThat(values.get("http.latency.p99")).isCloseTo(49.75, within(1e-9));
  }

  @Test
  void decoder_usesNewCounts_whenCumulativeHistogramWasReset() {
    AggregationTemporality cumulative = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    List<Double> bounds = List.of(10.0);
    accept(metrics(CHECKOUT, histogram("h", cumulative, explicit(0, 10, bounds, List.of(5L, 5L), 100))));

    Map<String, Double> values = byName(accept(metrics(CHECKOUT,
        histogram("h", cumulative, explicit(0, 20, bounds, List.of(2L, 0L), 8)))));

    assertThat(values.get("h.count")).isEqualTo(0.1);
    assertThat(values.get("h.avg")).isEqualTo(4.0);
    assertThat(values.get("h.p50")).isEqualTo(5.0);
  }

  @Test
  void decoder_turnsExponentialHistogramIntoQuantiles() {
    ExponentialHistogramDataPoint point = ExponentialHistogramDataPoint.newBuilder()
        .setStartTimeUnixNano(nanos(0)).setTimeUnixNano(nanos(10)).setScale(0).setCount(8).setSum(30)
        .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(0)
            .addAllBucketCounts(List.of(2L, 4L, 2L)))
        .build();
    Metric metric = Metric.newBuilder().setName("rpc.duration").setExponentialHistogram(
        ExponentialHistogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(point)).build();

    Map<String, Double> values = byName(accept(metrics(CHECKOUT, metric)));

    // Scale 0: buckets (1,2], (2,4], (4,8]. p50 = rank 4 = 2 into the 4 of (2,4]; p95 = rank 7.6 in (4,8].
    assertThat(values.get("rpc.duration.p50")).isEqualTo(3.0);
    assertThat(values.get("rpc.duration.p95")).isCloseTo(7.2, within(1e-9));
    assertThat(values.get("rpc.duration.p99")).isCloseTo(7.84, within(1e-9));
    assertThat(values.get("rpc.duration.count")).isEqualTo(0.8);
    assertThat(values.get("rpc.duration.avg")).isEqualTo(3.75);
  }

  @Test
  void decoder_storesSummaryQuantilesCountRateAndAverage() {
    SummaryDataPoint point = SummaryDataPoint.newBuilder().setStartTimeUnixNano(nanos(0)).setTimeUnixNano(nanos(10))
        .setCount(100).setSum(2000)
        .addQuantileValues(quantile(0.5, 12)).addQuantileValues(quantile(0.95, 40))
        .addQuantileValues(quantile(0.99, 85)).addQuantileValues(quantile(0.999, 120))
        .build();
    Metric metric = Metric.newBuilder().setName("gc.pause").setSummary(Summary.newBuilder().addDataPoints(point))
        .build();

    Map<String, Double> values = byName(accept(metrics(CHECKOUT, metric)));

    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("gc.pause.p50", 12.0, "gc.pause.p95", 40.0,
        "gc.pause.p99", 85.0, "gc.pause.count", 10.0, "gc.pause.avg", 20.0));
  }

  @Test
  void decoder_writesArrayAndNumberAttributesAsText() {
    KeyValue array = KeyValue.newBuilder().setKey("tags").setValue(AnyValue.newBuilder().setArrayValue(
        ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("a"))
            .addValues(AnyValue.newBuilder().setIntValue(2)))).build();
    KeyValue number = KeyValue.newBuilder().setKey("shard").setValue(AnyValue.newBuilder().setIntValue(42)).build();

    List<MetricPoint> points = accept(metrics(CHECKOUT, gauge("g", point(-1, 10, 1, array, number))));

    assertThat(points.getFirst().labels()).containsExactlyInAnyOrderEntriesOf(Map.of("tags", "[\"a\",2]",
        "shard", "42"));
  }

  @Test
  void decoder_rejectsResourceWithoutServiceName_namingItsIndex() {
    ExportMetricsServiceRequest request = metrics(CHECKOUT, gauge("g", point(-1, 10, 1))).toBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource(null, "pod-1"))).build();

    Rejected rejected = reject(request);

    assertThat(rejected.reason()).isEqualTo(RejectReason.MISSING_SERVICE_NAME);
    assertThat(rejected.message()).isEqualTo("resource 1 has no service.name attribute");
  }

  @Test
  void decoder_rejectsZeroTimestamp_namingMetricAndPoint() {
    Rejected rejected = reject(metrics(CHECKOUT, gauge("queue.depth", point(-1, 10, 1),
        NumberDataPoint.newBuilder().setAsDouble(2).build())));

    assertThat(rejected.reason()).isEqualTo(RejectReason.ZERO_TIMESTAMP);
    assertThat(rejected.message()).contains("metric 'queue.depth' point 1 in resource 0").contains("is 0");
  }

  @Test
  void decoder_rejectsTimestampBeyondTheAllowedSkew_withTheOffendingValue() {
    double elevenMinutesAhead = 3600 + 11 * 60;

    Rejected rejected = reject(metrics(CHECKOUT, gauge("g", point(-1, elevenMinutesAhead, 1))));
    List<MetricPoint> nineMinutesAhead = accept(metrics(CHECKOUT, gauge("g", point(-1, 3600 + 9 * 60, 1))));

    assertThat(rejected.reason()).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    assertThat(rejected.message()).contains(Long.toString(nanos(elevenMinutesAhead)))
        .contains(at(elevenMinutesAhead).toString()).contains("PT10M");
    assertThat(nineMinutesAhead).hasSize(1);
  }

  @Test
  void decoder_rejectedRequest_leavesSeriesStateUntouched() {
    accept(metrics(CHECKOUT, sum("http.requests", true, false, point(0, 10, 100))));
    reject(metrics(CHECKOUT, sum("http.requests", true, false, point(0, 20, 160)),
        gauge("broken", NumberDataPoint.newBuilder().setAsDouble(1).build())));

    List<MetricPoint> retried = accept(metrics(CHECKOUT, sum("http.requests", true, false, point(0, 20, 160))));

    assertThat(retried).singleElement().extracting(MetricPoint::value).isEqualTo(6.0);
  }

  @Test
  void decoder_forgetsLeastRecentlyUsedSeries_whenFull() {
    OtlpDecoder small = new DefaultOtlpDecoder(OtlpSettings.defaults(), clock, 1);
    decode(small, metrics(CHECKOUT, sum("a", true, false, point(0, 10, 100))));
    decode(small, metrics(CHECKOUT, sum("b", true, false, point(0, 10, 100))));

    List<MetricPoint> again = decode(small, metrics(CHECKOUT, sum("a", true, false, point(0, 20, 160))));

    assertThat(again).singleElement().extracting(MetricPoint::value).isEqualTo(160.0 / 20);
  }

  @Test
  void decoder_rejectsGarbage_asMalformed() {
    Result result = decoder.decode(Signal.METRICS, Encoding.PROTOBUF, new byte[] {(byte) 0xff, 0x01, 0x02});

    assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
      assertThat(r.message()).startsWith("body is not a valid protobuf ExportMetricsServiceRequest");
    });
  }

  static Metric histogram(String name, AggregationTemporality temporality, HistogramDataPoint point) {
    return Metric.newBuilder().setName(name)
        .setHistogram(Histogram.newBuilder().setAggregationTemporality(temporality).addDataPoints(point)).build();
  }

  static HistogramDataPoint explicit(double start, double time, List<Double> bounds, List<Long> counts, double sum) {
    return HistogramDataPoint.newBuilder().setStartTimeUnixNano(nanos(start)).setTimeUnixNano(nanos(time))
        .addAllExplicitBounds(bounds).addAllBucketCounts(counts)
        .setCount(counts.stream().mapToLong(Long::longValue).sum()).setSum(sum).build();
  }

  private static SummaryDataPoint.ValueAtQuantile quantile(double q, double value) {
    return SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(q).setValue(value).build();
  }

  static Map<String, Double> byName(List<MetricPoint> points) {
    Map<String, Double> out = new TreeMap<>();
    points.forEach(p -> out.put(p.name(), p.value()));
    return out;
  }

  private List<MetricPoint> accept(ExportMetricsServiceRequest request) {
    return decode(decoder, request);
  }

  private static List<MetricPoint> decode(OtlpDecoder decoder, ExportMetricsServiceRequest request) {
    Result result = decoder.decode(Signal.METRICS, Encoding.PROTOBUF, request.toByteArray());
    assertThat(result).isInstanceOf(Accepted.class);
    return ((Accepted) result).batch().metrics();
  }

  private Rejected reject(ExportMetricsServiceRequest request) {
    Result result = decoder.decode(Signal.METRICS, Encoding.PROTOBUF, request.toByteArray());
    assertThat(result).isInstanceOf(Rejected.class);
    return (Rejected) result;
  }
}
