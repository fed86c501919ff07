package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user meets it: ingest a file, query it back, and get one-line errors for bad input. */
class CliTest {
  private static final Path SAMPLE = Path.of("../docs/examples/otlp-sample.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private String store() {
    return dir.resolve("cli.duckdb").toString();
  }

  private CliRunner ingestSample() {
    CliRunner r = CliRunner.run("ingest", "--store", store(), SAMPLE.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  @Test
  void ingest_thenQueryStats_showsEveryKindOfTelemetry() throws IOException {
    assertThat(ingestSample().out()).contains("metric points").contains("log records").contains("spans");
    CliRunner stats = CliRunner.run("query", "stats", "--store", store(), "--json");
    JsonNode n = JSON.readTree(stats.out());
    assertThat(n.get("metric_points").asLong()).isPositive();
    assertThat(n.get("log_records").asLong()).isPositive();
    assertThat(n.get("spans").asLong()).isEqualTo(4);
  }

  @Test
  void queryLogs_filtersByLevel_andReportsCounts() throws IOException {
    ingestSample();
    JsonNode n = JSON.readTree(CliRunner.run("query", "logs", "--store", store(), "--level", "error", "--json").out());
    assertThat(n.get("rows")).isNotEmpty();
    n.get("rows").forEach(row -> assertThat(row.get("level").asText()).isIn("ERROR", "FATAL"));
    assertThat(n.get("counts_by_service").get("checkout").asLong()).isEqualTo(n.get("rows").size());
  }

  @Test
  void querySpans_andEdges_followTheTrace() throws IOException {
    ingestSample();
    JsonNode spans = JSON.readTree(CliRunner.run("query", "spans", "--store", store(), "--slowest", "--json").out());
    assertThat(spans.get("rows")).hasSize(4);
    double first = spans.get("rows").get(0).get("duration_ms").asDouble();
    spans.get("rows").forEach(s -> assertThat(s.get("duration_ms").asDouble()).isLessThanOrEqualTo(first));
    CliRunner table = CliRunner.run("query", "spans", "--store", store(), "--limit", "1");
    assertThat(table.out()).contains("1 spans shown, 3 more left out by --limit");
    JsonNode edges = JSON.readTree(CliRunner.run("query", "edges", "--store", store(), "--json").out());
    assertThat(edges.get("rows")).singleElement().satisfies(e -> {
      assertThat(e.get("caller").asText()).isEqualTo("checkout");
      assertThat(e.get("callee").asText()).isEqualTo("payment");
      assertThat(e.get("errors").asLong()).isEqualTo(1);
    });
  }

  @Test
  void queryMetrics_bucketsAndAggregates_inATable() {
    ingestSample();
    CliRunner r = CliRunner.run("query", "metrics", "--store", store(), "--service", "checkout", "--metric", "queue.depth",
        "--bucket", "1h", "--agg", "max");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("queue.depth").contains("checkout");
  }

  @Test
  void missingFile_isOneClearLine_withoutStackTrace_andLeavesTheStoreUntouched() throws IOException {
    ingestSample();
    String before = CliRunner.run("query", "stats", "--store", store(), "--json").out();
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"resourceLogs\": [ {\"resource\": ");
    CliRunner r = CliRunner.run("ingest", "--store", store(), SAMPLE.toString(), bad.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).startsWith("responder: ").contains("bad.json").doesNotContain("\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(CliRunner.run("query", "stats", "--store", store(), "--json").out()).isEqualTo(before);

    CliRunner missing = CliRunner.run("ingest", "--store", store(), dir.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("nope.json").doesNotContain("\tat ");
  }

  @Test
  void verbose_showsTheStackTrace() {
    CliRunner r = CliRunner.run("ingest", "--verbose", "--store", store(), dir.resolve("nope.json").toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("\tat ");
  }

  @Test
  void badOptions_giveUsageHints_andNonZeroExit() {
    CliRunner unknown = CliRunner.run("query", "widgets");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("responder: ").contains("--help");

    CliRunner badTime = CliRunner.run("query", "logs", "--store", store(), "--from", "yesterday");
    assertThat(badTime.exitCode()).isNotZero();
    assertThat(badTime.err()).contains("--from").contains("'yesterday'").doesNotContain("\tat ");

    CliRunner badAgg = CliRunner.run("query", "metrics", "--store", store(), "--agg", "median");
    assertThat(badAgg.err()).contains("unknown aggregation 'median'");

    CliRunner badScheme = CliRunner.run("query", "stats", "--store", "mongodb://x");
    assertThat(badScheme.err()).contains("unknown telemetry store scheme 'mongodb'");
  }

  @Test
  void everyCommand_hasHelp() {
    for (String[] cmd : new String[][] {{"--help"}, {"serve", "--help"}, {"ingest", "--help"}, {"query", "--help"},
        {"query", "metrics", "--help"}, {"query", "logs", "--help"}, {"query", "spans", "--help"}, {"query", "changes", "--help"}}) {
      CliRunner r = CliRunner.run(cmd);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isZero();
      assertThat(r.out()).contains("Usage:");
    }
  }
}
