package dev.responder.store.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.core.error.PermanentException;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.topology.ServiceId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * How records map to table rows and back: epoch milliseconds for instants, microseconds for span durations,
 * JSON text for attribute maps. The writers produce {@code JSONEachRow} objects; the readers take result rows.
 */
final class Rows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private Rows() {}

  static void writeMetric(JsonGenerator g, MetricPoint p) throws IOException {
    g.writeStartObject();
    g.writeNumberField("ts", p.ts().toEpochMilli());
    g.writeStringField("service", p.service().name());
    g.writeStringField("instance", p.instance());
    g.writeStringField("name", p.name());
    g.writeNumberField("value", p.value());
    g.writeStringField("labels", mapJson(p.labels()));
    g.writeEndObject();
  }

  static void writeLog(JsonGenerator g, LogRecord r) throws IOException {
    g.writeStartObject();
    g.writeNumberField("ts", r.ts().toEpochMilli());
    g.writeStringField("service", r.service().name());
    g.writeStringField("instance", r.instance());
    g.writeStringField("level", r.level().name());
    g.writeStringField("body", r.body());
    g.writeStringField("trace_id", r.traceId());
    g.writeStringField("span_id", r.spanId());
    g.writeStringField("attributes", mapJson(r.attributes()));
    g.writeEndObject();
  }

  static void writeSpan(JsonGenerator g, Span s) throws IOException {
    g.writeStartObject();
    g.writeStringField("trace_id", s.traceId());
    g.writeStringField("span_id", s.spanId());
    g.writeStringField("parent_span_id", s.parentSpanId());
    g.writeStringField("service", s.service().name());
    g.writeStringField("operation", s.operation());
    g.writeNumberField("start_ms", s.start().toEpochMilli());
    g.writeNumberField("duration_us", micros(s.duration()));
    g.writeStringField("status", s.status().name());
    g.writeStringField("attributes", mapJson(s.attributes()));
    g.writeEndObject();
  }

  static void writeChange(JsonGenerator g, ChangeEvent c) throws IOException {
    g.writeStartObject();
    g.writeNumberField("ts", c.ts().toEpochMilli());
    g.writeStringField("service", c.service().name());
    g.writeStringField("kind", c.kind().name());
    g.writeStringField("author", c.author());
    g.writeStringField("summary", c.summary());
    g.writeStringField("details", mapJson(c.details()));
    g.writeEndObject();
  }

  static LogRecord log(JsonNode row) {
    return new LogRecord(instant(row, "ts"), ServiceId.of(row.get("service").asText()), row.get("instance").asText(),
        Severity.valueOf(row.get("level").asText()), row.get("body").asText(), row.get("trace_id").asText(),
        row.get("span_id").asText(), map(row.get("attributes").asText()));
  }

  static Span span(JsonNode row) {
    return new Span(row.get("trace_id").asText(), row.get("span_id").asText(), row.get("parent_span_id").asText(),
        ServiceId.of(row.get("service").asText()), row.get("operation").asText(), instant(row, "start_ms"),
        Duration.of(row.get("duration_us").asLong(), ChronoUnit.MICROS), SpanStatus.valueOf(row.get("status").asText()),
        map(row.get("attributes").asText()));
  }

  static ChangeEvent change(JsonNode row) {
    return ChangeEvent.of(instant(row, "ts"), ServiceId.of(row.get("service").asText()),
        ChangeEvent.Kind.valueOf(row.get("kind").asText()), row.get("author").asText(), map(row.get("details").asText()));
  }

  static Instant instant(JsonNode row, String column) {
    return Instant.ofEpochMilli(row.get(column).asLong());
  }

  /** A Float64 column; ClickHouse writes NaN and infinities as JSON null. */
  static double real(JsonNode row, String column) {
    JsonNode v = row.get(column);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  /** Whole microseconds, without the overflow of {@link Duration#toNanos()} for very long durations. */
  static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
  }

  private static String mapJson(Map<String, String> map) {
    if (map.isEmpty()) {
      return "{}";
    }
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string map always serialises, but did not: " + map, e);
    }
  }

  private static Map<String, String> map(String json) {
    if (json.isEmpty() || json.equals("{}")) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new PermanentException("stored attributes are not a JSON object of strings: '" + json + "'", e);
    }
  }
}
