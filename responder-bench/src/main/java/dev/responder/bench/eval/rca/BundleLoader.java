package dev.responder.bench.eval.rca;

import dev.responder.bench.eval.Csv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.analysis.rca.IncidentData;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads case bundles: one folder per case with {@code case.json} and any of {@code metrics.csv}
 * ({@code ts,service,metric,value}, ts in epoch ms), {@code logs.jsonl} and {@code spans.jsonl}. A folder that
 * itself holds a {@code case.json} is one case; otherwise every sub-folder holding one is.
 *
 * <p>The incident window runs from {@code inject_time} to the last sample (at least one minute); the baseline is
 * everything before the injection (at least one minute).
 */
final class BundleLoader {
  private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BundleLoader() {}

  static Stream<RcaCase> load(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("not a directory: " + root);
    }
    List<Path> cases;
    if (Files.isRegularFile(root.resolve("case.json"))) {
      cases = List.of(root);
    } else {
      try (Stream<Path> s = Files.list(root)) {
        cases = s.filter(p -> Files.isRegularFile(p.resolve("case.json"))).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + root, e);
      }
    }
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("no case bundles under " + root + ": expected <case>/case.json");
    }
    return cases.stream().map(BundleLoader::read);
  }

  static RcaCase read(Path dir) {
    try {
      JsonNode c = JSON.readTree(dir.resolve("case.json").toFile());
      String id = c.path("id").asText(dir.getFileName().toString());
      JsonNode injectNode = c.get("inject_time");
      if (injectNode == null || !injectNode.canConvertToLong()) {
        throw new IllegalArgumentException("case " + dir + ": inject_time must be epoch milliseconds but was "
            + injectNode);
      }
      Instant inject = Instant.ofEpochMilli(injectNode.asLong());
      String root = c.path("root_cause_service").asText("");
      if (root.isBlank()) {
        throw new IllegalArgumentException("case " + dir + ": root_cause_service is missing");
      }
      List<DependencyEdge> edges = new ArrayList<>();
      for (JsonNode e : c.path("edges")) {
        if (e.size() == 2 && !e.get(0).asText().equals(e.get(1).asText())) {
          edges.add(DependencyEdge.call(e.get(0).asText(), e.get(1).asText()));
        }
      }
      long[] range = {inject.toEpochMilli(), inject.toEpochMilli()};
      Map<ServiceId, List<MetricSeries>> metrics = metrics(dir.resolve("metrics.csv"), range);
      List<LogRecord> logs = logs(dir.resolve("logs.jsonl"), range);
      List<Span> spans = spans(dir.resolve("spans.jsonl"), range);
      Instant from = Instant.ofEpochMilli(Math.min(range[0], inject.minus(MIN_WINDOW).toEpochMilli()));
      Instant to = Instant.ofEpochMilli(Math.max(range[1] + 1, inject.plus(MIN_WINDOW).toEpochMilli()));
      IncidentData data = new IncidentData(TimeWindow.of(inject, to), TimeWindow.of(from, inject), edges, metrics,
          logs, spans, List.of());
      return new RcaCase(id, c.path("group").asText("bundle"), ServiceId.of(root),
          c.path("fault_type").asText("unknown"), data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read case bundle " + dir, e);
    }
  }

  private static Map<ServiceId, List<MetricSeries>> metrics(Path file, long[] range) {
    Map<String, List<MetricSeries.Point>> points = new TreeMap<>();
    if (Files.isRegularFile(file)) {
      List<String> lines = Csv.lines(file);
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        List<String> f = Csv.split(lines.get(i));
        if (f.size() < 4) {
          throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected ts,service,metric,value but was "
              + lines.get(i));
        }
        long ts = Long.parseLong(f.get(0).trim());
        widen(range, ts);
        points.computeIfAbsent(f.get(1) + '\u0000' + f.get(2), k -> new ArrayList<>())
            .add(new MetricSeries.Point(Instant.ofEpochMilli(ts), Csv.parseDouble(f.get(3))));
      }
    }
    Map<ServiceId, List<MetricSeries>> out = new TreeMap<>();
    points.forEach((key, list) -> {
      int sep = key.indexOf('\u0000');
      String service = key.substring(0, sep);
      List<MetricSeries.Point> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparing(MetricSeries.Point::ts));
      out.computeIfAbsent(ServiceId.of(service), k -> new ArrayList<>())
          .add(new MetricSeries(service, "", key.substring(sep + 1), sorted));
    });
    return out;
  }

  private static List<LogRecord> logs(Path file, long[] range) throws IOException {
    List<LogRecord> out = new ArrayList<>();
    for (JsonNode n : jsonLines(file)) {
      long ts = n.path("ts").asLong();
      widen(range, ts);
      out.add(new LogRecord(Instant.ofEpochMilli(ts), ServiceId.of(n.path("service").asText()), "",
          Severity.parse(n.path("level").asText("INFO")), n.path("message").asText(""),
          n.path("trace_id").asText(""), "", Map.of()));
    }
    return out;
  }

  private static List<Span> spans(Path file, long[] range) throws IOException {
    List<Span> out = new ArrayList<>();
    for (JsonNode n : jsonLines(file)) {
      long start = n.path("start_ms").asLong();
      long duration = n.path("duration_ms").asLong();
      widen(range, start);
      out.add(new Span(n.path("trace_id").asText(), n.path("span_id").asText(), n.path("parent_span_id").asText(""),
          ServiceId.of(n.path("service").asText()), n.path("operation").asText(""), Instant.ofEpochMilli(start),
          Duration.ofMillis(duration), n.path("error").asBoolean(false) ? SpanStatus.ERROR : SpanStatus.OK, Map.of()));
    }
    return out;
  }

  private static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    for (String line : Csv.lines(file)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static void widen(long[] range, long ts) {
    range[0] = Math.min(range[0], ts);
    range[1] = Math.max(range[1], ts);
  }
}
