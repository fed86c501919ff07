package dev.responder.bench.eval.rca;

import dev.responder.bench.eval.Csv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.analysis.rca.IncidentData;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the PetShop data set (Hardt et al., 2023): {@code <scenario>/{train,test}/issue_N/} with {@code target.json}
 * and {@code metrics.csv} (four header rows: node, metric, statistic, timestamp; one row per 5 minutes), the
 * scenario's {@code graph.csv} adjacency matrix (row calls column).
 *
 * <p>Format translation only: the target (the node and metric where the issue was observed, as an alert would name
 * them) becomes the incident's symptom; the root-cause label is kept apart in {@link RcaCase}. The incident window starts at the 5-minute bucket holding the target time; the
 * baseline is the issue's own earlier rows. The scenarios' {@code noissue} recordings are not used: they were
 * taken months apart from the issues, and many nodes sit at other levels there (requests, availability), so as a
 * baseline they would flag half the graph.
 */
final class PetShopLoader {
  static final long BUCKET_SECONDS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private PetShopLoader() {}

  /** Lazily loads every issue under {@code root} (the folder holding the scenarios, or {@code dataset}). */
  static Stream<RcaCase> load(Path root) {
    Path dataset = Files.isDirectory(root.resolve("dataset")) ? root.resolve("dataset") : root;
    List<Path> issues = new ArrayList<>();
    for (Path scenario : dirs(dataset)) {
      for (String split : List.of("test", "train")) {
        Path d = scenario.resolve(split);
        if (Files.isDirectory(d)) {
          dirs(d).stream().filter(p -> Files.isRegularFile(p.resolve("target.json"))).forEach(issues::add);
        }
      }
    }
    if (issues.isEmpty()) {
      throw new IllegalArgumentException("no PetShop issues under " + root
          + ": expected <scenario>/{test,train}/issue_N/target.json");
    }
    return issues.stream().map(PetShopLoader::toCase);
  }

  private static RcaCase toCase(Path issue) {
    Path scenario = issue.getParent().getParent();
    try {
      JsonNode target = JSON.readTree(issue.resolve("target.json").toFile());
      long t = target.path("target").path("timestamp").asLong();
      String rootCause = target.path("root_cause").path("node").asText();
      String metric = target.path("target").path("metric").asText("unknown");
      String statistic = target.path("target").path("agg").asText("Average");
      String symptomNode = target.path("target").path("node").asText();
      Table own = Table.read(issue.resolve("metrics.csv"));
      long windowStart = Math.floorDiv(t - (long) own.times[0], BUCKET_SECONDS) * BUCKET_SECONDS + (long) own.times[0];
      long firstOwn = (long) own.times[0];
      Map<String, List<MetricSeries.Point>> points = new TreeMap<>();
      own.addPoints(points, 0);
      long baselineStart = firstOwn;
      long windowEnd = (long) own.times[own.times.length - 1] + BUCKET_SECONDS;
      if (windowStart <= baselineStart) {
        windowStart = baselineStart + BUCKET_SECONDS;
      }
      TimeWindow window = TimeWindow.of(Instant.ofEpochSecond(windowStart), Instant.ofEpochSecond(windowEnd));
      TimeWindow baseline = TimeWindow.of(Instant.ofEpochSecond(baselineStart), Instant.ofEpochSecond(windowStart));
      IncidentData data = new IncidentData(window, baseline, edges(scenario.resolve("graph.csv")),
          series(points), List.of(), List.of(), List.of(),
          new IncidentData.Symptom(ServiceId.of(symptomNode), metric + "_" + statistic), null);
      String id = scenario.getFileName() + "/" + issue.getParent().getFileName() + "/" + issue.getFileName();
      return new RcaCase(id, scenario.getFileName().toString(), ServiceId.of(rootCause), metric, data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read PetShop issue " + issue, e);
    }
  }

  private static Map<ServiceId, List<MetricSeries>> series(Map<String, List<MetricSeries.Point>> points) {
    Map<ServiceId, List<MetricSeries>> out = new TreeMap<>();
    points.forEach((key, list) -> {
      int sep = key.indexOf('\u0000');
      String node = key.substring(0, sep);
      List<MetricSeries.Point> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparing(MetricSeries.Point::ts));
      out.computeIfAbsent(ServiceId.of(node), k -> new ArrayList<>())
          .add(new MetricSeries(node, "", key.substring(sep + 1), sorted));
    });
    return out;
  }

  static List<DependencyEdge> edges(Path graph) {
    if (!Files.isRegularFile(graph)) {
      return List.of();
    }
    List<String> lines = Csv.lines(graph);
    List<String> header = Csv.split(lines.getFirst());
    List<DependencyEdge> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> f = Csv.split(lines.get(i));
      for (int c = 1; c < f.size() && c < header.size(); c++) {
        if (Csv.parseDouble(f.get(c)) > 0 && !f.getFirst().equals(header.get(c))) {
          out.add(DependencyEdge.call(f.getFirst(), header.get(c)));
        }
      }
    }
    return out;
  }

  private static List<Path> dirs(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list PetShop folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A metrics.csv: columns keyed "node\0metric_statistic", rows by unix seconds. */
  private record Table(double[] times, List<String> keys, double[][] values) {
    static Table read(Path file) {
      List<String> lines = Csv.lines(file);
      List<String> nodes = Csv.split(lines.get(0));
      List<String> metrics = Csv.split(lines.get(1));
      List<String> stats = Csv.split(lines.get(2));
      List<String> keys = new ArrayList<>();
      for (int c = 1; c < nodes.size(); c++) {
        keys.add(nodes.get(c) + '\u0000' + metrics.get(c) + "_" + stats.get(c));
      }
      List<String> rows = lines.subList(4, lines.size()).stream().filter(l -> !l.isBlank()).toList();
      double[] times = new double[rows.size()];
      double[][] values = new double[rows.size()][];
      for (int i = 0; i < rows.size(); i++) {
        List<String> f = Csv.split(rows.get(i));
        times[i] = Csv.parseDouble(f.getFirst());
        values[i] = new double[keys.size()];
        for (int c = 0; c < keys.size(); c++) {
          values[i][c] = c + 1 < f.size() ? Csv.parseDouble(f.get(c + 1)) : Double.NaN;
        }
      }
      if (times.length == 0) {
        throw new IllegalArgumentException("PetShop metrics file has no rows: " + file);
      }
      return new Table(times, keys, values);
    }

    void addPoints(Map<String, List<MetricSeries.Point>> out, long shiftSeconds) {
      for (int i = 0; i < times.length; i++) {
        Instant ts = Instant.ofEpochSecond((long) times[i] + shiftSeconds);
        for (int c = 0; c < keys.size(); c++) {
          if (Double.isFinite(values[i][c])) {
            out.computeIfAbsent(keys.get(c), k -> new ArrayList<>()).add(new MetricSeries.Point(ts, values[i][c]));
          }
        }
      }
    }
  }
}
