package dev.responder.analysis.rca;

import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Span;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a {@link RootCauseRanker} may look at for one incident. Any kind of telemetry may be empty; rankers
 * use what is there. Telemetry outside both windows is ignored. Maps are copied into sorted maps so iteration
 * (and so every ranking) is the same from run to run.
 *
 * @param window   the incident: the time in which the services misbehave
 * @param baseline a time in which the services behaved normally, usually just before {@code window}
 * @param edges    the service graph, caller to callee; empty when unknown (rankers then infer it from spans)
 * @param metrics  metric series per service (points of both windows, in any order)
 * @param logs     log lines of both windows
 * @param spans    spans of both windows
 * @param changes  deploys, config and flag changes and the like, before or during the incident
 * @param symptom  where the incident was observed (the alerting service and metric), or {@code null} when unknown
 * @param reference a known fault-free stretch of logs and spans to compare event patterns against, or {@code null}
 *                 to use {@code baseline}; useful when log and trace collection is sparse before the incident
 */
public record IncidentData(TimeWindow window, TimeWindow baseline, List<DependencyEdge> edges,
                           Map<ServiceId, List<MetricSeries>> metrics, List<LogRecord> logs, List<Span> spans,
                           List<ChangeEvent> changes, Symptom symptom, TimeWindow reference) {
  public IncidentData {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(baseline, "baseline");
    if (reference != null && reference.to().isAfter(window.from()) && window.to().isAfter(reference.from())) {
      throw new IllegalArgumentException("reference window must not overlap the incident but was " + reference
          + " against " + window);
    }
    edges = edges == null ? List.of() : List.copyOf(edges);
    Map<ServiceId, List<MetricSeries>> sorted = new TreeMap<>();
    if (metrics != null) {
      metrics.forEach((service, series) -> sorted.put(service, List.copyOf(series)));
    }
    metrics = Collections.unmodifiableMap(sorted);
    logs = logs == null ? List.of() : List.copyOf(logs);
    spans = spans == null ? List.of() : List.copyOf(spans);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** Incident data without a known symptom or a separate fault-free reference. */
  public IncidentData(TimeWindow window, TimeWindow baseline, List<DependencyEdge> edges,
                      Map<ServiceId, List<MetricSeries>> metrics, List<LogRecord> logs, List<Span> spans,
                      List<ChangeEvent> changes) {
    this(window, baseline, edges, metrics, logs, spans, changes, null, null);
  }

  /** Where the incident was observed: the service that alerted and the metric (series name) that alerted there. */
  public record Symptom(ServiceId service, String metric) {
    public Symptom {
      Objects.requireNonNull(service, "service");
      metric = metric == null ? "" : metric;
    }
  }

  /** The window event telemetry (logs, spans) is compared against: {@code reference} if set, else the baseline. */
  public TimeWindow eventBaseline() {
    return reference == null ? baseline : reference;
  }

  /** Every service any of the inputs mentions, sorted. */
  public Set<ServiceId> services() {
    Set<ServiceId> out = new TreeSet<>(metrics.keySet());
    edges.forEach(e -> {
      out.add(e.caller());
      out.add(e.callee());
    });
    logs.forEach(l -> out.add(l.service()));
    spans.forEach(s -> out.add(s.service()));
    changes.forEach(c -> out.add(c.service()));
    return out;
  }

  /** A copy with other edges, for loaders and tests that learn the graph late. */
  public IncidentData withEdges(List<DependencyEdge> newEdges) {
    return new IncidentData(window, baseline, newEdges, metrics, logs, spans, changes, symptom, reference);
  }

  /** A copy naming where the incident was observed. */
  public IncidentData withSymptom(Symptom newSymptom) {
    return new IncidentData(window, baseline, edges, metrics, logs, spans, changes, newSymptom, reference);
  }

  /** A copy with a fault-free reference window for logs and spans. */
  public IncidentData withReference(TimeWindow newReference) {
    return new IncidentData(window, baseline, edges, metrics, logs, spans, changes, symptom, newReference);
  }

  /** Spans that start in {@code w}. */
  List<Span> spansIn(TimeWindow w) {
    List<Span> out = new ArrayList<>();
    for (Span s : spans) {
      if (w.contains(s.start())) {
        out.add(s);
      }
    }
    return out;
  }
}
