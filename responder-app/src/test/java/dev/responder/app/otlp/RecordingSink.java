package dev.responder.app.otlp;

import dev.responder.core.port.TelemetrySink;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.TelemetryBatch;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A sink that keeps every batch it accepts, and can be told to fail the next appends. */
final class RecordingSink implements TelemetrySink {
  private final List<TelemetryBatch> batches = new CopyOnWriteArrayList<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  @Override
  public void append(TelemetryBatch batch) {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
    batches.add(batch);
  }

  /** Every append fails with {@code e} until {@link #recover()}. */
  void failWith(RuntimeException e) {
    failure.set(e);
  }

  void recover() {
    failure.set(null);
  }

  List<TelemetryBatch> batches() {
    return List.copyOf(batches);
  }

  List<MetricPoint> metrics() {
    return batches.stream().flatMap(b -> b.metrics().stream()).toList();
  }

  List<LogRecord> logs() {
    return batches.stream().flatMap(b -> b.logs().stream()).toList();
  }

  List<Span> spans() {
    return batches.stream().flatMap(b -> b.spans().stream()).toList();
  }
}
