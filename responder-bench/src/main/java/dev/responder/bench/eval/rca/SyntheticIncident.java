package dev.responder.bench.eval.rca;

import dev.responder.analysis.rca.IncidentData;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
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
 * A seeded synthetic incident for latency benchmarks: services in a call tree (service i calls 2i+1 and 2i+2), one
 * hour of data (the last ten minutes are the incident, in which one backend is slow), metrics every 10 s, traces
 * along random root-to-leaf paths, and log lines.
 */
final class SyntheticIncident {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private SyntheticIncident() {}

  static IncidentData generate(int services, int metricsPerService, int traces, int logs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TimeWindow baseline = TimeWindow.of(T0, T0.plus(Duration.ofMinutes(50)));
    TimeWindow window = TimeWindow.of(baseline.to(), baseline.to().plus(Duration.ofMinutes(10)));
    int culprit = services - 1;
    List<DependencyEdge> edges = new ArrayList<>();
    for (int i = 1; i < services; i++) {
      edges.add(DependencyEdge.call(name((i - 1) / 2), name(i)));
    }
    Map<ServiceId, List<MetricSeries>> metrics = new TreeMap<>();
    for (int s = 0; s < services; s++) {
      List<MetricSeries> list = new ArrayList<>();
      for (int m = 0; m < metricsPerService; m++) {
        List<MetricSeries.Point> points = new ArrayList<>(360);
        for (int k = 0; k < 360; k++) {
          Instant ts = T0.plusSeconds(10L * k);
          double shift = s == culprit && m == 0 && window.contains(ts) ? 50 : 0;
          points.add(new MetricSeries.Point(ts, 100 + 5 * random.nextGaussian() + shift));
        }
        list.add(new MetricSeries(name(s), "", "metric_" + m, points));
      }
      metrics.put(ServiceId.of(name(s)), list);
    }
    List<Span> spans = new ArrayList<>();
    for (int t = 0; t < traces; t++) {
      Instant start = T0.plusMillis(random.nextLong(3_600_000));
      addPath(spans, "%032x".formatted(t + 1), start, random.nextInt(services), window.contains(start), culprit);
    }
    List<LogRecord> lines = new ArrayList<>(logs);
    for (int i = 0; i < logs; i++) {
      Instant ts = T0.plusMillis(random.nextLong(3_600_000));
      int s = random.nextInt(services);
      boolean bad = s == culprit && window.contains(ts) && random.nextInt(4) == 0;
      lines.add(LogRecord.of(ts, name(s), bad ? Severity.ERROR : Severity.INFO,
          bad ? "timeout talking to disk after " + random.nextInt(900) + " ms" : "handled request " + random.nextInt()));
    }
    return new IncidentData(window, baseline, edges, metrics, lines, spans, List.of());
  }

  /** One trace from the root down to {@code leaf}: each span waits on its only child plus a little self time. */
  private static void addPath(List<Span> out, String trace, Instant start, int leaf, boolean incident, int culprit) {
    List<Integer> path = new ArrayList<>();
    for (int s = leaf; s > 0; s = (s - 1) / 2) {
      path.addFirst(s);
    }
    path.addFirst(0);
    long childMs = 0;
    long[] durations = new long[path.size()];
    for (int i = path.size() - 1; i >= 0; i--) {
      long self = 5 + (incident && path.get(i) == culprit ? 100 : 0);
      durations[i] = childMs + self;
      childMs = durations[i];
    }
    for (int i = 0; i < path.size(); i++) {
      out.add(new Span(trace, "%016x".formatted(i + 1), i == 0 ? "" : "%016x".formatted(i), ServiceId.of(name(path.get(i))),
          "op", start.plusMillis(i), Duration.ofMillis(durations[i]), SpanStatus.OK, Map.of()));
    }
  }

  static String name(int i) {
    return "svc-" + String.format("%02d", i);
  }
}
