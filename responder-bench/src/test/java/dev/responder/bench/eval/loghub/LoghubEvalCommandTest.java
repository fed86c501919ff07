package dev.responder.bench.eval.loghub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoghubEvalCommandTest {

  @Test
  void evalLoghub_printsJsonScores_forTheSharedData() throws Exception {
    Path data = sharedData();
    assumeTrue(data != null, "Loghub-2k data not found (../shared/data/loghub-2k next to the project root); skipping");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new LoghubEvalCommand());
    cli.setOut(new PrintWriter(out));

    int code = cli.execute("--data", data.toString(), "--json");

    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("systems").size()).isEqualTo(10);
    assertThat(json.get("systems").get("HDFS").get("ga").asDouble()).isGreaterThan(0.99);
    assertThat(json.get("average").get("ga").asDouble()).isGreaterThan(0.95);
    assertThat(json.get("average").get("pa_corrected").asDouble()).isGreaterThan(0.7);
  }

  @Test
  void evalLoghub_onAFolderWithoutData_failsWithOneClearMessage(@TempDir Path empty) {
    assertThatThrownBy(() -> LoghubEvaluation.systems(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<Sys>/<Sys>_2k.log_structured.csv").hasMessageContaining(empty.toString());
    assertThatThrownBy(() -> LoghubEvaluation.systems(empty.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a folder");
  }

  @Test
  void evalLoghub_scoresATinyHandMadeSystem(@TempDir Path dir) throws Exception {
    Path sys = Files.createDirectories(dir.resolve("Tiny"));
    String csv = """
        LineId,Content,EventId,EventTemplate
        1,Worker 1 started,E1,Worker <*> started
        2,Worker 2 started,E1,Worker <*> started
        3,"disk full, retry in 5 s",E2,"disk full, retry in <*> s"
        """;
    Files.writeString(sys.resolve("Tiny_2k.log_structured.csv"), csv);

    LoghubEvaluation.SystemScore score = LoghubEvaluation.evaluate(dir, "Tiny",
        dev.responder.analysis.logs.TemplateMiner.Settings.defaults());

    assertThat(score.ga()).isEqualTo(1.0);
    // the unit after a number is masked too: "retry in <*> <*>" normalises to "retry in <*>", not "<*> s"
    assertThat(score.pa()).isEqualTo(2 / 3.0);
    assertThat(score.gaCorrected()).isEqualTo(1.0);
  }

  /** Walks up to the folder holding the {@code responder} launcher, then {@code ../shared/data/loghub-2k}. */
  private static Path sharedData() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("responder"))) {
        Path data = p.resolveSibling("shared").resolve("data").resolve("loghub-2k");
        return Files.isDirectory(data) ? data : null;
      }
    }
    return null;
  }
}
