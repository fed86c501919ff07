package dev.responder.core.telemetry;

import java.util.List;

/** What one append carries: any mix of metrics, logs, spans and change events. */
public record TelemetryBatch(List<MetricPoint> metrics, List<LogRecord> logs, List<Span> spans,
                             List<ChangeEvent> changes) {
  public static final TelemetryBatch EMPTY = new TelemetryBatch(List.of(), List.of(), List.of(), List.of());

  public TelemetryBatch {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    logs = logs == null ? List.of() : List.copyOf(logs);
    spans = spans == null ? List.of() : List.copyOf(spans);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  public static TelemetryBatch ofMetrics(List<MetricPoint> metrics) {
    return new TelemetryBatch(metrics, List.of(), List.of(), List.of());
  }

  public static TelemetryBatch ofLogs(List<LogRecord> logs) {
    return new TelemetryBatch(List.of(), logs, List.of(), List.of());
  }

  public static TelemetryBatch ofSpans(List<Span> spans) {
    return new TelemetryBatch(List.of(), List.of(), spans, List.of());
  }

  public static TelemetryBatch ofChanges(List<ChangeEvent> changes) {
    return new TelemetryBatch(List.of(), List.of(), List.of(), changes);
  }

  public int size() {
    return metrics.size() + logs.size() + spans.size() + changes.size();
  }

  public boolean isEmpty() {
    return size() == 0;
  }
}
