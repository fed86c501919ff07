package dev.responder.sim;

import dev.responder.core.port.TelemetrySink;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A sink that keeps everything, and can hash it for byte-identity checks. */
final class Recorder implements TelemetrySink {
  final List<MetricPoint> metrics = new ArrayList<>();
  final List<LogRecord> logs = new ArrayList<>();
  final List<Span> spans = new ArrayList<>();
  final List<ChangeEvent> changes = new ArrayList<>();

  @Override
  public void append(TelemetryBatch batch) {
    metrics.addAll(batch.metrics());
    logs.addAll(batch.logs());
    spans.addAll(batch.spans());
    changes.addAll(batch.changes());
  }

  /** SHA-256 over the records' canonical text (records print every field, attributes in sorted order). */
  String sha256() {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (List<?> list : List.of(metrics, logs, spans, changes)) {
        for (Object o : list) {
          d.update(o.toString().getBytes(StandardCharsets.UTF_8));
          d.update((byte) '\n');
        }
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
