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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the Nezha data set (Yu et al., FSE 2023) layout: {@code rca_data/<day>/<day>-fault_list.json} labels,
 * per-pod minute metrics, per-minute log and trace files. Only translates formats: the incident window is the three
 * minutes from the injection (Nezha analyses the third), the baseline the thirty minutes before it, and the day's
 * fault-free minute in {@code construct_data/<day>/}, when there is one, is the reference for logs and spans.
 */
final class NezhaLoader {
  static final Duration WINDOW = Duration.ofMinutes(3);
  static final Duration BASELINE = Duration.ofMinutes(30);
  private static final DateTimeFormatter INJECT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MINUTE_FILE = DateTimeFormatter.ofPattern("HH_mm");
  private static final Pattern LEVEL = Pattern.compile("\\b(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE)\\b");
  private static final ObjectMapper JSON = new ObjectMapper();

  private NezhaLoader() {}

  /** Lazily loads every labelled case under {@code root} (the folder holding {@code rca_data}, or rca_data itself). */
  static Stream<RcaCase> load(Path root) {
    Path rca = Files.isDirectory(root.resolve("rca_data")) ? root.resolve("rca_data") : root;
    List<Path> days = listDirs(rca);
    List<Label> labels = new ArrayList<>();
    for (Path day : days) {
      Path list = day.resolve(day.getFileName() + "-fault_list.json");
      if (Files.isRegularFile(list)) {
        labels.addAll(labels(day, list));
      }
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no Nezha cases under " + root
          + ": expected rca_data/<day>/<day>-fault_list.json");
    }
    Map<Path, DayMetrics> cache = new HashMap<>();
    Map<Path, FaultFree> references = new HashMap<>();
    Path construct = rca.resolveSibling("construct_data");
    return labels.stream().map(l -> toCase(l, cache.computeIfAbsent(l.day, DayMetrics::read),
        references.computeIfAbsent(l.day, d -> FaultFree.read(construct.resolve(d.getFileName())))));
  }

  /**
   * The day's fault-free minute from {@code construct_data/<day>/} (Nezha's own normal reference), its spans and
   * logs at their real times; {@code null} window when the day has none.
   */
  private record FaultFree(TimeWindow window, List<Span> spans, List<LogRecord> logs) {
    static FaultFree read(Path dir) {
      List<Span> spans = new ArrayList<>();
      List<LogRecord> logs = new ArrayList<>();
      Instant first = null;
      for (String kind : List.of("trace", "log")) {
        Path sub = dir.resolve(kind);
        if (!Files.isDirectory(sub)) {
          continue;
        }
        try (Stream<Path> files = Files.list(sub)) {
          for (Path f : files.sorted().toList()) {
            if (f.getFileName().toString().endsWith("_trace.csv.gz")) {
              readSpans(f, spans);
            } else if (f.getFileName().toString().endsWith("_log.csv.gz")) {
              readLogs(f, logs);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + sub, e);
        }
      }
      for (Span s : spans) {
        first = first == null || s.start().isBefore(first) ? s.start() : first;
      }
      if (first == null) {
        return new FaultFree(null, List.of(), List.of());
      }
      Instant from = first.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      TimeWindow w = TimeWindow.of(from, from.plus(Duration.ofMinutes(1)));
      return new FaultFree(w, spans.stream().filter(s -> w.contains(s.start())).toList(),
          logs.stream().filter(r -> w.contains(r.ts())).toList());
    }
  }

  private record Label(Path day, Instant inject, String pod, String type, int index) {}

  private static List<Label> labels(Path day, Path file) {
    List<Label> out = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(file.toFile());
      List<String> hours = new ArrayList<>();
      root.fieldNames().forEachRemaining(hours::add);
      hours.sort(null);
      for (String hour : hours) {
        for (JsonNode n : root.get(hour)) {
          Instant t = LocalDateTime.parse(n.get("inject_time").asText(), INJECT).toInstant(ZoneOffset.UTC);
          out.add(new Label(day, t, n.get("inject_pod").asText(), n.get("inject_type").asText(), out.size()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Nezha labels " + file, e);
    }
    return out;
  }

  static String serviceOfPod(String pod) {
    String[] parts = pod.split("-");
    if (parts.length < 3) {
      return pod;
    }
    return String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2));
  }

  private static RcaCase toCase(Label l, DayMetrics metrics, FaultFree faultFree) {
    TimeWindow window = TimeWindow.of(l.inject, l.inject.plus(WINDOW));
    TimeWindow baseline = TimeWindow.of(l.inject.minus(BASELINE), l.inject);
    List<Span> spans = new ArrayList<>();
    List<LogRecord> logs = new ArrayList<>();
    for (int m = -1; m <= (int) WINDOW.toMinutes(); m++) {
      String minute = MINUTE_FILE.format(l.inject.plus(Duration.ofMinutes(m)).atOffset(ZoneOffset.UTC));
      Path trace = l.day.resolve("trace").resolve(minute + "_trace.csv.gz");
      if (Files.isRegularFile(trace)) {
        readSpans(trace, spans);
      }
      Path log = l.day.resolve("log").resolve(minute + "_log.csv.gz");
      if (Files.isRegularFile(log)) {
        readLogs(log, logs);
      }
    }
    String day = l.day.getFileName().toString();
    String system = l.pod.startsWith("ts-") ? "TrainTicket" : "OnlineBoutique";
    TimeWindow reference = null;
    if (faultFree.window() != null && !overlaps(faultFree.window(), window)) {
      reference = faultFree.window();
      spans.addAll(faultFree.spans());
      logs.addAll(faultFree.logs());
    }
    IncidentData data = new IncidentData(window, baseline, metrics.edges,
        metrics.series(baseline.from(), window.to()), logs, spans, List.of(), null, reference);
    return new RcaCase(day + "#" + l.index, system, ServiceId.of(serviceOfPod(l.pod)), l.type, data);
  }

  private static boolean overlaps(TimeWindow a, TimeWindow b) {
    return a.to().isAfter(b.from()) && b.to().isAfter(a.from());
  }

  private static void readSpans(Path file, List<Span> out) {
    List<String> lines = Csv.lines(file);
    for (int i = 1; i < lines.size(); i++) {
      List<String> f = Csv.split(lines.get(i));
      if (f.size() < 8) {
        continue;
      }
      long start = Long.parseLong(f.get(5));
      long end = Long.parseLong(f.get(6));
      String parent = "root".equals(f.get(2)) ? "" : f.get(2);
      out.add(new Span(f.get(0), f.get(1), parent, ServiceId.of(serviceOfPod(f.get(3))), f.get(4),
          Instant.ofEpochSecond(0, start), Duration.ofNanos(Math.max(0, end - start)), SpanStatus.UNSET, Map.of()));
    }
  }

  private static void readLogs(Path file, List<LogRecord> out) {
    List<String> lines = Csv.lines(file);
    for (int i = 1; i < lines.size(); i++) {
      List<String> f = Csv.split(lines.get(i));
      if (f.size() < 8) {
        continue;
      }
      String body = logBody(f.get(7));
      Matcher m = LEVEL.matcher(body);
      Severity level = m.find() ? Severity.parse(m.group(1)) : Severity.INFO;
      out.add(new LogRecord(Instant.ofEpochSecond(0, Long.parseLong(f.get(1))), ServiceId.of(serviceOfPod(f.get(3))),
          f.get(3), level, body, f.get(5), f.get(6), Map.of()));
    }
  }

  /** The container runtime wraps each line as JSON ({"log": ...}); OnlineBoutique nests its own JSON inside. */
  private static String logBody(String raw) {
    try {
      JsonNode outer = JSON.readTree(raw);
      String inner = outer.path("log").asText(raw).trim();
      if (inner.startsWith("{")) {
        JsonNode n = JSON.readTree(inner);
        String severity = n.path("severity").asText("");
        return (severity.isEmpty() ? "" : severity + " ") + n.path("message").asText(inner);
      }
      return inner;
    } catch (IOException e) {
      return raw;
    }
  }

  private static List<Path> listDirs(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a directory: " + dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Every pod's minute metrics of one day, and the call graph when the day has one. */
  private static final class DayMetrics {
    final Map<String, long[]> times = new TreeMap<>();
    final Map<String, Map<String, double[]>> values = new TreeMap<>();
    final List<DependencyEdge> edges = new ArrayList<>();

    static DayMetrics read(Path day) {
      DayMetrics d = new DayMetrics();
      Path dir = day.resolve("metric");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String name = f.getFileName().toString();
          if (name.endsWith("_metric.csv.gz")) {
            d.readPod(f, name.substring(0, name.length() - "_metric.csv.gz".length()));
          } else if (name.equals("dependency.csv.gz")) {
            d.readEdges(f);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
      return d;
    }

    private void readPod(Path file, String pod) {
      List<String> lines = Csv.lines(file);
      List<String> header = Csv.split(lines.getFirst());
      int n = lines.size() - 1;
      long[] ts = new long[n];
      Map<String, double[]> cols = new TreeMap<>();
      for (int c = 3; c < header.size(); c++) {
        cols.put(header.get(c), new double[n]);
      }
      for (int i = 0; i < n; i++) {
        List<String> f = Csv.split(lines.get(i + 1));
        ts[i] = Long.parseLong(f.get(1).trim()) * 1000;
        for (int c = 3; c < header.size(); c++) {
          cols.get(header.get(c))[i] = c < f.size() ? Csv.parseDouble(f.get(c)) : Double.NaN;
        }
      }
      times.put(pod, ts);
      values.put(pod, cols);
    }

    private void readEdges(Path file) {
      List<String> lines = Csv.lines(file);
      for (int i = 1; i < lines.size(); i++) {
        List<String> f = Csv.split(lines.get(i));
        if (f.size() >= 2 && !f.get(0).equals(f.get(1))) {
          edges.add(DependencyEdge.call(f.get(0).trim(), f.get(1).trim()));
        }
      }
    }

    Map<ServiceId, List<MetricSeries>> series(Instant from, Instant to) {
      Map<ServiceId, List<MetricSeries>> out = new TreeMap<>();
      times.forEach((pod, ts) -> {
        String service = serviceOfPod(pod);
        List<MetricSeries> list = out.computeIfAbsent(ServiceId.of(service), k -> new ArrayList<>());
        values.get(pod).forEach((metric, v) -> {
          List<MetricSeries.Point> points = new ArrayList<>();
          for (int i = 0; i < ts.length; i++) {
            if (ts[i] >= from.toEpochMilli() && ts[i] < to.toEpochMilli() && Double.isFinite(v[i])) {
              points.add(new MetricSeries.Point(Instant.ofEpochMilli(ts[i]), v[i]));
            }
          }
          list.add(new MetricSeries(service, pod, metric, points));
        });
      });
      return out;
    }
  }
}
