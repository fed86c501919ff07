package dev.responder.bench.eval.loghub;

import dev.responder.bench.eval.Csv;
import dev.responder.analysis.logs.TemplateMiner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the template miner over the {@code Content} column of each Loghub-2k system and scores the final groups
 * and templates against the original and the corrected ground truth. The miner never sees anything but the
 * content; one {@link TemplateMiner.Settings} serves every system.
 */
final class LoghubEvaluation {
  /** The order of the Loghub-2k papers; other systems found in the folder follow alphabetically. */
  private static final List<String> KNOWN = List.of(
      "HDFS", "Hadoop", "Spark", "BGL", "HPC", "Windows", "Linux", "Android", "HealthApp", "OpenSSH");

  private LoghubEvaluation() {
  }

  /** Scores of one system. */
  record SystemScore(String system, int lines, int templates, double ga, double pa, double gaCorrected,
      double paCorrected) {
  }

  /** One labelled file: the content and the ground truth per line. */
  record Labelled(List<String> content, List<String> eventIds, List<String> templates) {
  }

  /** Every system under {@code dir} that has a {@code <Sys>/<Sys>_2k.log_structured.csv}. */
  static List<String> systems(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--data must be a folder holding <Sys>/<Sys>_2k.log_structured.csv but was "
          + dir.toAbsolutePath() + " (not a folder)");
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      children.filter(p -> Files.isRegularFile(structured(dir, p.getFileName().toString(), false)))
          .forEach(p -> found.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("--data must be a folder holding <Sys>/<Sys>_2k.log_structured.csv but "
          + dir.toAbsolutePath() + " has no such file");
    }
    found.sort(Comparator.comparingInt((String s) -> KNOWN.contains(s) ? KNOWN.indexOf(s) : KNOWN.size())
        .thenComparing(Comparator.naturalOrder()));
    return List.copyOf(found);
  }

  static SystemScore evaluate(Path dir, String system, TemplateMiner.Settings settings) {
    Labelled original = read(structured(dir, system, false));
    Path correctedFile = structured(dir, system, true);
    // The corrected files also fix a few contents (e.g. missing spaces), so each file gets its own run.
    Labelled corrected = Files.isRegularFile(correctedFile) ? read(correctedFile) : original;
    List<TemplateMiner.Match> parsed = parse(original.content(), settings);
    List<TemplateMiner.Match> parsedCorrected = corrected == original ? parsed : parse(corrected.content(), settings);
    return new SystemScore(system, parsed.size(), (int) parsed.stream().mapToInt(TemplateMiner.Match::templateId).distinct().count(),
        LoghubMetrics.groupingAccuracy(original.eventIds(), ids(parsed)),
        LoghubMetrics.parsingAccuracy(original.templates(), texts(parsed)),
        LoghubMetrics.groupingAccuracy(corrected.eventIds(), ids(parsedCorrected)),
        LoghubMetrics.parsingAccuracy(corrected.templates(), texts(parsedCorrected)));
  }

  /** The final template of every line, from a fresh miner that sees only the contents. */
  static List<TemplateMiner.Match> parse(List<String> content, TemplateMiner.Settings settings) {
    TemplateMiner miner = TemplateMiner.create(settings);
    content.forEach(miner::add);
    return miner.finalAssignments();
  }

  private static List<Integer> ids(List<TemplateMiner.Match> matches) {
    return matches.stream().map(TemplateMiner.Match::templateId).toList();
  }

  private static List<String> texts(List<TemplateMiner.Match> matches) {
    return matches.stream().map(TemplateMiner.Match::template).toList();
  }

  static Path structured(Path dir, String system, boolean corrected) {
    return dir.resolve(system).resolve(system + "_2k.log_structured" + (corrected ? "_corrected" : "") + ".csv");
  }

  static Labelled read(Path file) {
    List<List<String>> rows;
    try {
      rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("empty CSV file " + file);
    }
    List<String> header = rows.getFirst();
    int content = column(header, "Content", file);
    int eventId = column(header, "EventId", file);
    int template = column(header, "EventTemplate", file);
    List<String> c = new ArrayList<>();
    List<String> e = new ArrayList<>();
    List<String> t = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("row " + i + " of " + file + " has " + row.size() + " fields but the header has "
            + header.size());
      }
      c.add(row.get(content));
      e.add(row.get(eventId));
      t.add(row.get(template));
    }
    return new Labelled(c, e, t);
  }

  private static int column(List<String> header, String name, Path file) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(file + " has no column " + name + "; header was " + header);
    }
    return i;
  }
}
