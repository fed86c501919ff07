package dev.responder.bench.eval.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.bench.eval.nab.NabScorer.Profile;
import dev.responder.bench.eval.nab.NabScorer.Window;
import dev.responder.core.error.PermanentException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A NAB-layout folder: {@code data/<category>/<name>.csv}, {@code labels/combined_windows.json} and
 * {@code config/profiles.json}. Reading stops at the first bad file with a message naming it.
 */
record NabCorpus(Path root, Map<String, List<LabelWindow>> labels, List<Profile> profiles) {
  private static final ObjectMapper JSON = new ObjectMapper();

  NabCorpus {
    labels = new TreeMap<>(labels);
    profiles = List.copyOf(profiles);
  }

  /** An inclusive labelled window in timestamps, as in {@code combined_windows.json}. */
  record LabelWindow(LocalDateTime start, LocalDateTime end) {}

  /** One series: original timestamp text, parsed times, values and its windows as row ranges. */
  record Series(String key, List<String> timestampText, long[] epochMillis, double[] values, List<Window> windows) {
    Series {
      Objects.requireNonNull(key, "key");
      timestampText = List.copyOf(timestampText);
      windows = List.copyOf(windows);
    }
  }

  static NabCorpus open(Path root) {
    if (root == null || !Files.isDirectory(root)) {
      throw new IllegalArgumentException("NAB folder not found: " + root
          + " (expected data/<category>/<name>.csv, labels/combined_windows.json, config/profiles.json)");
    }
    Path labelFile = root.resolve("labels/combined_windows.json");
    Path profileFile = root.resolve("config/profiles.json");
    for (Path p : List.of(labelFile, profileFile, root.resolve("data"))) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("not a NAB folder: " + root + " has no " + root.relativize(p));
      }
    }
    return new NabCorpus(root, readLabels(labelFile), readProfiles(profileFile));
  }

  /** Reads {@code data/<key>} with its windows. */
  Series series(String key) {
    return readSeries(key, root.resolve("data").resolve(key), "value");
  }

  /** Reads one result file (any NAB result layout with {@code timestamp} and {@code column}) for {@code key}. */
  Series resultSeries(String key, Path file, String column) {
    return readSeries(key, file, column);
  }

  private Series readSeries(String key, Path file, String column) {
    List<String> text = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String header = in.readLine();
      if (header == null) {
        throw new PermanentException("empty NAB file: " + file);
      }
      List<String> names = List.of(header.trim().split(","));
      int ts = names.indexOf("timestamp");
      int col = names.indexOf(column);
      if (ts < 0 || col < 0) {
        throw new PermanentException("NAB file " + file + " needs columns timestamp and " + column + " but has " + names);
      }
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        text.add(cells[ts]);
        values.add(parseValue(cells[col], file, text.size()));
      }
    } catch (IOException e) {
      throw new PermanentException("cannot read NAB file " + file + ": " + e.getMessage(), e);
    }
    long[] millis = new long[text.size()];
    LocalDateTime[] times = new LocalDateTime[text.size()];
    for (int i = 0; i < millis.length; i++) {
      times[i] = parseTime(text.get(i), file);
      millis[i] = times[i].toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    return new Series(key, text, millis, v, windows(key, times));
  }

  private List<Window> windows(String key, LocalDateTime[] times) {
    List<Window> out = new ArrayList<>();
    for (LabelWindow w : labels.getOrDefault(key, List.of())) {
      int start = 0;
      while (start < times.length && times[start].isBefore(w.start())) {
        start++;
      }
      int end = times.length - 1;
      while (end >= 0 && times[end].isAfter(w.end())) {
        end--;
      }
      if (start <= end) {
        out.add(new Window(start, end));
      }
    }
    return out;
  }

  private static double parseValue(String cell, Path file, int row) {
    try {
      return Double.parseDouble(cell.trim());
    } catch (NumberFormatException e) {
      throw new PermanentException("NAB file " + file + " row " + row + " has a non-numeric value: '" + cell + "'", e);
    }
  }

  static LocalDateTime parseTime(String text, Path source) {
    try {
      return LocalDateTime.parse(text.trim().replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      throw new PermanentException("bad NAB timestamp '" + text + "' in " + source + " (expected YYYY-MM-DD HH:MM:SS)", e);
    }
  }

  private static Map<String, List<LabelWindow>> readLabels(Path file) {
    JsonNode root = readJson(file);
    Map<String, List<LabelWindow>> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      List<LabelWindow> windows = new ArrayList<>();
      for (JsonNode pair : e.getValue()) {
        windows.add(new LabelWindow(parseTime(pair.get(0).asText(), file), parseTime(pair.get(1).asText(), file)));
      }
      out.put(e.getKey(), windows);
    }
    return out;
  }

  private static List<Profile> readProfiles(Path file) {
    JsonNode root = readJson(file);
    List<Profile> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode m = e.getValue().path("CostMatrix");
      if (!m.has("tpWeight") || !m.has("fpWeight") || !m.has("fnWeight")) {
        throw new PermanentException("profile " + e.getKey() + " in " + file + " needs CostMatrix.tpWeight, fpWeight and fnWeight");
      }
      out.add(new Profile(e.getKey(), m.get("tpWeight").asDouble(), m.get("fpWeight").asDouble(), m.get("fnWeight").asDouble()));
    }
    return out;
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new PermanentException("cannot read NAB file " + file + ": " + e.getMessage(), e);
    }
  }
}
