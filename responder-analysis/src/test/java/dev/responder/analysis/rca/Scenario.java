package dev.responder.analysis.rca;

import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A small seeded incident: front calls checkout and ads, checkout calls db. During the window the db answers
 * {@code extraMs} slower; every caller on the path gets as slow, and the callers, with calmer latency baselines,
 * (with moderate slowdowns) shows a larger z-score than the db.
 */
final class Scenario {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final TimeWindow BASELINE = TimeWindow.of(T0, T0.plus(Duration.ofMinutes(30)));
  static final TimeWindow WINDOW = TimeWindow.of(BASELINE.to(), BASELINE.to().plus(Duration.ofMinutes(5)));
  static final List<DependencyEdge> EDGES = List.of(DependencyEdge.call("front", "checkout"),
      DependencyEdge.call("front", "ads"), DependencyEdge.call("checkout", "db"));

  private Scenario() {}

  static IncidentData slowDb(long seed, double extraMs, boolean withEdges, boolean withSpans) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Double> base = Map.of("front", 100.0, "checkout", 60.0, "ads", 20.0, "db", 30.0);
    Map<String, Double> noise = Map.of("front", 1.0, "checkout", 4.0, "ads", 2.0, "db", 6.0);
    Map<String, Double> hit = Map.of("front", extraMs, "checkout", extraMs, "ads", 0.0, "db", extraMs);
    Map<ServiceId, List<MetricSeries>> metrics = new TreeMap<>();
    for (String s : List.of("front", "checkout", "ads", "db")) {
      List<MetricSeries.Point> latency = new ArrayList<>();
      List<MetricSeries.Point> cpu = new ArrayList<>();
      for (int minute = 0; minute < 35; minute++) {
        Instant ts = T0.plus(Duration.ofMinutes(minute));
        boolean incident = WINDOW.contains(ts);
        latency.add(new MetricSeries.Point(ts, base.get(s) + noise.get(s) * random.nextGaussian()
            + (incident ? hit.get(s) : 0)));
        cpu.add(new MetricSeries.Point(ts, 20 + 2 * random.nextGaussian()));
      }
      metrics.put(ServiceId.of(s), List.of(new MetricSeries(s, "", "latency_ms", latency),
          new MetricSeries(s, "", "cpu_percent", cpu)));
    }
    List<Span> spans = withSpans ? spans(random, extraMs) : List.of();
    return new IncidentData(WINDOW, BASELINE, withEdges ? EDGES : List.of(), metrics, List.<LogRecord>of(), spans,
        List.<ChangeEvent>of());
  }

  /** A copy of {@code metrics} where {@code service}'s {@code metric} is {@code delta} higher inside the window. */
  static Map<ServiceId, List<MetricSeries>> withShift(Map<ServiceId, List<MetricSeries>> metrics, String service,
                                                      String metric, double delta) {
    Map<ServiceId, List<MetricSeries>> out = new TreeMap<>(metrics);
    List<MetricSeries> shifted = new ArrayList<>();
    for (MetricSeries series : metrics.get(ServiceId.of(service))) {
      if (!series.metric().equals(metric)) {
        shifted.add(series);
        continue;
      }
      List<MetricSeries.Point> points = new ArrayList<>();
      for (MetricSeries.Point p : series.points()) {
        points.add(new MetricSeries.Point(p.ts(), p.value() + (WINDOW.contains(p.ts()) ? delta : 0)));
      }
      shifted.add(new MetricSeries(series.service(), series.instance(), series.metric(), points));
    }
    out.put(ServiceId.of(service), shifted);
    return out;
  }

  private static List<Span> spans(SplittableRandom random, double extraMs) {
    List<Span> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      boolean incident = i >= 300;
      Instant start = incident ? WINDOW.from().plusSeconds(i - 300) : BASELINE.from().plusSeconds(i * 5L);
      long db = 30 + random.nextInt(5) + (incident ? (long) extraMs : 0);
      String t = "%032x".formatted(i + 1);
      out.add(span(t, "a", "", "front", start, 0, 40 + db + 20));
      out.add(span(t, "b", "a", "checkout", start, 5, 30 + db));
      out.add(span(t, "c", "b", "db", start, 15, db));
      out.add(span(t, "d", "a", "ads", start, 40 + db + 5, 10));
    }
    return out;
  }

  private static Span span(String trace, String id, String parent, String service, Instant traceStart, long offsetMs,
                           long durationMs) {
    return new Span(trace, "%016x".formatted(id.charAt(0) + 0L), parent.isEmpty() ? "" :
        "%016x".formatted(parent.charAt(0) + 0L), ServiceId.of(service), "op", traceStart.plusMillis(offsetMs),
        Duration.ofMillis(durationMs), SpanStatus.OK, Map.of());
  }
}
