package dev.responder.bench.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NabEvalCommandTest {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A two-series NAB folder: a noisy sawtooth with one level shift inside its window, and a clean one. */
  private static Path tinyNab(Path root) throws IOException {
    Files.createDirectories(root.resolve("data/synthetic"));
    Files.createDirectories(root.resolve("labels"));
    Files.createDirectories(root.resolve("config"));
    LocalDateTime start = LocalDateTime.of(2020, 1, 1, 0, 0);
    for (String name : new String[] {"shift", "clean"}) {
      StringBuilder csv = new StringBuilder("timestamp,value\n");
      for (int i = 0; i < 1200; i++) {
        double v = 10 + (i * 7919 % 13) / 13.0 + ("shift".equals(name) && i >= 900 ? 30 : 0);
        csv.append(start.plusMinutes(5L * i).format(TS)).append(',').append(v).append('\n');
      }
      Files.writeString(root.resolve("data/synthetic/" + name + ".csv"), csv);
    }
    Files.writeString(root.resolve("labels/combined_windows.json"), """
        {"synthetic/shift.csv": [["%s.000000", "%s.000000"]], "synthetic/clean.csv": []}
        """.formatted(start.plusMinutes(5L * 860).format(TS), start.plusMinutes(5L * 960).format(TS)));
    Files.writeString(root.resolve("config/profiles.json"), """
        {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0}},
         "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22, "tnWeight": 1.0}},
         "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11, "tnWeight": 1.0}}}
        """);
    return root;
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new NabEvalCommand());
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void eval_printsJsonScores_andWritesNabResultFiles(@TempDir Path tmp) throws IOException {
    Path nab = tinyNab(tmp.resolve("nab"));
    String json = run("--data", nab.toString(), "--detector", "robust-seasonal", "--out", tmp.resolve("out").toString(), "--json");

    assertThat(json.strip()).matches("\\{\"detector\": \"robust-seasonal\", \"standard\": -?[0-9.]+, "
        + "\"reward_low_FP_rate\": -?[0-9.]+, \"reward_low_FN_rate\": -?[0-9.]+, \"files\": 2}");
    Path result = tmp.resolve("out/robust-seasonal/synthetic/robust-seasonal_shift.csv");
    assertThat(Files.readAllLines(result)).hasSize(1201).first().isEqualTo("timestamp,value,anomaly_score,label");
    assertThat(Files.readAllLines(result).get(861)).endsWith(",1");
    double standard = Double.parseDouble(json.strip().replaceAll(".*\"standard\": (-?[0-9.]+),.*", "$1"));
    assertThat(standard).as("the level shift inside the window is detected without false alarms").isGreaterThan(80);
  }

  @Test
  void scoreResults_rescoresWrittenFiles_toTheSameFigures(@TempDir Path tmp) throws IOException {
    Path nab = tinyNab(tmp.resolve("nab"));
    String first = run("--data", nab.toString(), "--detector", "robust-seasonal", "--out", tmp.resolve("out").toString(), "--json");
    String again = run("--data", nab.toString(), "--score-results", tmp.resolve("out/robust-seasonal").toString(), "--json");
    assertThat(again).isEqualTo(first);
  }

  @Test
  void eval_rejectsMissingFolder_withOneClearMessage(@TempDir Path tmp) {
    CommandLine cli = new CommandLine(new NabEvalCommand());
    cli.parseArgs("--data", tmp.resolve("nope").toString());
    assertThatThrownBy(() -> ((NabEvalCommand) cli.getCommand()).call())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("NAB folder not found: " + tmp.resolve("nope"));
  }

  @Test
  void eval_rejectsUnknownDetector_listingKnownOnes(@TempDir Path tmp) throws IOException {
    Path nab = tinyNab(tmp.resolve("nab"));
    CommandLine cli = new CommandLine(new NabEvalCommand());
    cli.parseArgs("--data", nab.toString(), "--detector", "magic");
    assertThatThrownBy(() -> ((NabEvalCommand) cli.getCommand()).call())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("known detectors: ");
  }

  @Test
  void eval_onRealNab_scoresAllThirtyFourFiles() {
    Path nab = NabData.nabOrSkip();
    String json = run("--data", nab.toString(), "--json");
    assertThat(json).contains("\"files\": 34");
  }
}
