package dev.responder.bench.eval.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RcaEvalCommandTest {
  private static Path bundles() throws URISyntaxException {
    return Path.of(RcaEvalCommandTest.class.getResource("/rca-bundle").toURI());
  }

  /** The public data folder: walk up to the folder holding the {@code responder} launcher, then ../shared/data. */
  static Path sharedData(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("responder"))) {
        return p.resolveSibling("shared").resolve("data").resolve(name);
      }
    }
    return Path.of("missing");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new RcaEvalCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void bundleLoader_readsEveryFile_andLeavesMissingOnesEmpty() throws Exception {
    List<RcaCase> cases = BundleLoader.load(bundles()).toList();
    assertThat(cases).extracting(RcaCase::id).containsExactly("cpu-ads", "slow-db");
    RcaCase slow = cases.get(1);
    assertThat(slow.rootCause().name()).isEqualTo("db");
    assertThat(slow.faultType()).isEqualTo("slow_query");
    assertThat(slow.data().edges()).hasSize(3);
    assertThat(slow.data().spans()).hasSize(240);
    assertThat(slow.data().logs()).hasSize(60);
    assertThat(slow.data().metrics()).hasSize(4);
    assertThat(slow.data().window().from()).isEqualTo(slow.data().baseline().to());
    RcaCase cpu = cases.getFirst();
    assertThat(cpu.data().spans()).isEmpty();
    assertThat(cpu.data().logs()).isEmpty();
    assertThat(cpu.data().edges()).isEmpty();
  }

  @Test
  void evalRca_onBundles_ranksBothPlantedCausesFirst_andWritesRankings(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("rankings.jsonl");
    Run r = run("--format", "bundle", "--data", bundles().toString(), "--json", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(r.out());
    assertThat(summary.get("cases").asInt()).isEqualTo(2);
    assertThat(summary.get("ac1").asDouble()).isEqualTo(1.0);
    assertThat(summary.get("avg5").asDouble()).isEqualTo(1.0);
    assertThat(summary.get("by_fault_type").fieldNames()).toIterable().containsExactly("cpu_saturation", "slow_query");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(1));
    assertThat(first.get("truth").asText()).isEqualTo("db");
    assertThat(first.get("rank").asInt()).isEqualTo(1);
    assertThat(first.get("ranking").get(0).get("evidence")).isNotEmpty();
  }

  @Test
  void evalRca_badFormatOrFolder_failsWithOneClearLine(@TempDir Path tmp) {
    Run badFormat = run("--format", "csv", "--data", tmp.toString());
    assertThat(badFormat.exit()).isNotZero();
    assertThat(badFormat.err()).contains("csv").contains("nezha, petshop, bundle");
    Run missing = run("--format", "bundle", "--data", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("--data must be a directory");
  }

  @Test
  void rcaScore_averagesAc1ToAc5() {
    RcaScore s = RcaScore.of(new int[] {1, 2, 6, 0});
    assertThat(s.ac1()).isEqualTo(0.25);
    assertThat(s.ac3()).isEqualTo(0.5);
    assertThat(s.ac5()).isEqualTo(0.5);
    assertThat(s.avg5()).isEqualTo((0.25 + 0.5 + 0.5 + 0.5 + 0.5) / 5);
  }

  @Test
  void evalRca_onNezhaSubset_findsSomeRootCauses() throws Exception {
    Path nezha = sharedData("nezha");
    assumeTrue(Files.isDirectory(nezha), "Nezha data not found at " + nezha + "; skipping (see docs/eval-rca.md)");
    Run r = run("--format", "nezha", "--data", nezha.toString(), "--json", "--limit", "8");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(r.out());
    assertThat(summary.get("cases").asInt()).isEqualTo(8);
    assertThat(summary.get("ac5").asDouble()).isGreaterThanOrEqualTo(0.25);
  }

  @Test
  void evalRca_onPetShop_loadsAll68Issues() throws Exception {
    Path petshop = sharedData("petshop");
    assumeTrue(Files.isDirectory(petshop), "PetShop data not found at " + petshop + "; skipping (see docs/eval-rca.md)");
    Run r = run("--format", "petshop", "--data", petshop.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(r.out());
    assertThat(summary.get("cases").asInt()).isEqualTo(68);
    assertThat(summary.get("by_group").fieldNames()).toIterable()
        .contains("high_traffic", "low_traffic", "temporal_traffic1", "temporal_traffic2");
  }
}
