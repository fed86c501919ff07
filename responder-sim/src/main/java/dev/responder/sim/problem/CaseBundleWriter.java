package dev.responder.sim.problem;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.responder.core.error.PermanentException;
import dev.responder.core.incident.FaultType;
import dev.responder.core.port.TelemetrySink;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import dev.responder.core.topology.Topology;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one case of the case-bundle format (docs/case-bundle.md) as telemetry arrives: {@code metrics.csv}
 * (means over instances per timestamp, service and metric), {@code logs.jsonl}, {@code spans.jsonl}, and on close
 * {@code case.json} with the labels. Batches must hold whole ticks, as the simulator's do.
 */
public final class CaseBundleWriter implements TelemetrySink, AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private final Path dir;
  private final String id;
  private final Instant injectTime;
  private final ServiceId rootCause;
  private final FaultType faultType;
  private final Topology topology;
  private final BufferedWriter metrics;
  private final OutputStream logStream;
  private final OutputStream spanStream;
  private final JsonGenerator logs;
  private final JsonGenerator spans;

  /**
   * @param rootCause null for a case without a fault (written as an empty string)
   */
  public CaseBundleWriter(Path dir, String id, Instant injectTime, ServiceId rootCause, FaultType faultType,
                          Topology topology) {
    this.dir = dir;
    this.id = id;
    this.injectTime = injectTime;
    this.rootCause = rootCause;
    this.faultType = faultType;
    this.topology = topology;
    try {
      Files.createDirectories(dir);
      metrics = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
      metrics.write("ts,service,metric,value\n");
      logStream = Files.newOutputStream(dir.resolve("logs.jsonl"));
      spanStream = Files.newOutputStream(dir.resolve("spans.jsonl"));
      logs = JSON.createGenerator(logStream, JsonEncoding.UTF8);
      spans = JSON.createGenerator(spanStream, JsonEncoding.UTF8);
      logs.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      spans.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
    } catch (IOException e) {
      throw new PermanentException("cannot create case bundle in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void append(TelemetryBatch batch) {
    try {
      writeMetrics(batch);
      for (LogRecord r : batch.logs()) {
        logs.writeStartObject();
        logs.writeNumberField("ts", r.ts().toEpochMilli());
        logs.writeStringField("service", r.service().name());
        logs.writeStringField("level", r.level().name());
        logs.writeStringField("message", r.body());
        logs.writeStringField("trace_id", r.traceId());
        logs.writeEndObject();
      }
      for (Span s : batch.spans()) {
        spans.writeStartObject();
        spans.writeStringField("trace_id", s.traceId());
        spans.writeStringField("span_id", s.spanId());
        spans.writeStringField("parent_span_id", s.parentSpanId());
        spans.writeStringField("service", s.service().name());
        spans.writeStringField("operation", s.operation());
        spans.writeNumberField("start_ms", s.start().toEpochMilli());
        spans.writeNumberField("duration_ms", s.duration().toNanos() / 1e6);
        spans.writeBooleanField("error", s.isError());
        spans.writeEndObject();
      }
    } catch (IOException e) {
      throw new PermanentException("cannot write case bundle in " + dir + ": " + e.getMessage(), e);
    }
  }

  private void writeMetrics(TelemetryBatch batch) throws IOException {
    // Sorted keys (ts, service, metric) make the file independent of emission order.
    Map<String, double[]> sums = new TreeMap<>();
    for (MetricPoint p : batch.metrics()) {
      String key = String.format(java.util.Locale.ROOT, "%013d,%s,%s", p.ts().toEpochMilli(), p.service().name(), p.name());
      double[] acc = sums.computeIfAbsent(key, k -> new double[2]);
      acc[0] += p.value();
      acc[1]++;
    }
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      String key = e.getKey();
      metrics.write(Long.toString(Long.parseLong(key.substring(0, 13))));
      metrics.write(key.substring(13));
      metrics.write(',');
      metrics.write(format(e.getValue()[0] / e.getValue()[1]));
      metrics.write('\n');
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public void close() {
    try {
      metrics.close();
      logs.close();
      spans.close();
      logStream.close();
      spanStream.close();
      try (OutputStream out = Files.newOutputStream(dir.resolve("case.json"));
           JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeNumberField("inject_time", injectTime.toEpochMilli());
        g.writeStringField("root_cause_service", rootCause == null ? "" : rootCause.name());
        g.writeStringField("fault_type", faultType == null ? "no_fault" : faultType.name());
        g.writeArrayFieldStart("edges");
        for (DependencyEdge e : topology.edges()) {
          g.writeStartArray();
          g.writeString(e.caller().name());
          g.writeString(e.callee().name());
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    } catch (IOException e) {
      throw new PermanentException("cannot finish case bundle in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Plays the instance into a bundle in {@code dir}, named after the problem and seed. */
  public static Path export(ProblemInstance instance, Path dir) {
    var oracle = instance.oracle();
    try (CaseBundleWriter w = new CaseBundleWriter(dir, instance.problem().id() + "-seed" + instance.seed(),
        instance.injectAt(), oracle.service(), oracle.type(), instance.simulation().topology())) {
      instance.run(w);
    }
    return dir;
  }
}
