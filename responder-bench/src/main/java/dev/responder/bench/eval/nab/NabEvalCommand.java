package dev.responder.bench.eval.nab;

import dev.responder.analysis.anomaly.AnomalyDetector;
import dev.responder.analysis.anomaly.AnomalyDetectors;
import dev.responder.bench.eval.nab.NabCorpus.Series;
import dev.responder.bench.eval.nab.NabScorer.Profile;
import dev.responder.bench.eval.nab.NabScorer.ProfileScore;
import dev.responder.bench.eval.nab.NabScorer.ScoredSeries;
import dev.responder.bench.eval.nab.NabScorer.Window;
import dev.responder.core.error.PermanentException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder eval nab}: runs a streaming detector over every series of a NAB-layout folder, writes
 * NAB-format result files and scores them with NAB's rules ({@link NabScorer}), or scores existing result
 * files with {@code --score-results}.
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
    description = "Numenta Anomaly Benchmark: run a detector on a NAB folder and score it with NAB's rules.")
public final class NabEvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "NAB folder: data/<category>/<name>.csv, labels/combined_windows.json, config/profiles.json.")
  Path data;

  @Option(names = "--detector", defaultValue = AnomalyDetectors.DEFAULT, paramLabel = "NAME",
      description = "Detector name (default: ${DEFAULT-VALUE}).")
  String detector;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write result files (default: a new temporary folder).")
  Path out;

  @Option(names = "--score-results", paramLabel = "DIR",
      description = "Score existing result files (<category>/[<detector>_]<name>.csv with an anomaly_score column) instead of running a detector.")
  Path scoreResults;

  @Option(names = "--json", description = "Print {\"standard\": x, \"reward_low_FP_rate\": y, \"reward_low_FN_rate\": z, \"files\": n}.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    NabCorpus corpus = NabCorpus.open(data);
    PrintWriter console = spec.commandLine().getOut();
    List<ScoredSeries> scored;
    String name;
    if (scoreResults != null) {
      name = scoreResults.getFileName().toString();
      scored = readResults(corpus, scoreResults);
    } else {
      AnomalyDetector.Factory factory = AnomalyDetectors.factory(detector);
      name = detector;
      Path target = out != null ? out : Files.createTempDirectory("responder-nab");
      scored = run(corpus, factory, target.resolve(detector));
      if (!json) {
        console.printf("results written to %s%n", target.resolve(detector));
      }
    }
    Map<String, ProfileScore> scores = new LinkedHashMap<>();
    for (Profile p : corpus.profiles()) {
      scores.put(p.name(), NabScorer.score(scored, p));
    }
    print(console, name, scored.size(), scores);
    return 0;
  }

  private static List<ScoredSeries> run(NabCorpus corpus, AnomalyDetector.Factory factory, Path target) throws IOException {
    List<ScoredSeries> scored = new ArrayList<>();
    for (String key : corpus.labels().keySet()) {
      Series s = corpus.series(key);
      AnomalyDetector d = factory.create();
      double[] scores = new double[s.values().length];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = d.update(s.epochMillis()[i], s.values()[i]);
      }
      writeResult(target, key, s, scores);
      scored.add(new ScoredSeries(key, scores, s.windows()));
    }
    return scored;
  }

  private static void writeResult(Path target, String key, Series s, double[] scores) throws IOException {
    int slash = key.lastIndexOf('/');
    Path file = target.resolve(key.substring(0, slash + 1) + target.getFileName() + "_" + key.substring(slash + 1));
    Files.createDirectories(file.getParent());
    boolean[] label = new boolean[scores.length];
    for (Window w : s.windows()) {
      for (int i = w.start(); i <= w.end(); i++) {
        label[i] = true;
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("timestamp,value,anomaly_score,label\n");
      for (int i = 0; i < scores.length; i++) {
        w.write(s.timestampText().get(i) + "," + s.values()[i] + "," + scores[i] + "," + (label[i] ? 1 : 0) + "\n");
      }
    }
  }

  /** Finds {@code <category>/<name>.csv} or {@code <category>/<anything>_<name>.csv} for every labelled series. */
  static List<ScoredSeries> readResults(NabCorpus corpus, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("results folder not found: " + dir);
    }
    List<ScoredSeries> scored = new ArrayList<>();
    for (String key : corpus.labels().keySet()) {
      int slash = key.lastIndexOf('/');
      Path category = dir.resolve(key.substring(0, slash));
      String name = key.substring(slash + 1);
      Path file;
      try (Stream<Path> files = Files.isDirectory(category) ? Files.list(category) : Stream.empty()) {
        file = files.filter(f -> f.getFileName().toString().equals(name) || f.getFileName().toString().endsWith("_" + name))
            .sorted().findFirst()
            .orElseThrow(() -> new PermanentException("no result file for " + key + " under " + dir));
      }
      Series s = corpus.resultSeries(key, file, "anomaly_score");
      scored.add(new ScoredSeries(key, s.values(), s.windows()));
    }
    return scored;
  }

  private void print(PrintWriter console, String name, int files, Map<String, ProfileScore> scores) {
    if (json) {
      StringBuilder b = new StringBuilder("{\"detector\": \"").append(name.replace("\"", "")).append('"');
      for (ProfileScore s : scores.values()) {
        b.append(String.format(Locale.ROOT, ", \"%s\": %.2f", s.profile(), s.normalised()));
      }
      console.println(b.append(", \"files\": ").append(files).append('}'));
    } else {
      console.printf("NAB score of %s on %d files:%n", name, files);
      console.printf("%-20s %10s %10s %10s %8s%n", "profile", "score", "raw", "threshold", "windows");
      for (ProfileScore s : scores.values()) {
        console.printf(Locale.ROOT, "%-20s %10.2f %10.3f %10.5f %8d%n", s.profile(), s.normalised(), s.raw(), s.threshold(), s.windows());
      }
    }
    console.flush();
  }
}
