package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code responder metrics} over a state file holding one incident mitigated 20 minutes after its impact began. */
class MetricsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Path state;

  @BeforeEach
  void seed() {
    state = dir.resolve("state.duckdb");
    Instant opened = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    try (DuckDbDatabase db = Stores.openDuckDb(state)) {
      db.incidents().save(Incident.open(new IncidentId("INC-1"), "checkout errors", Severity.ERROR, opened, "sig-1",
              Set.of(ServiceId.of("checkout")))
          .record(new TimelineEntry(opened, "impact", "impact", Map.of("started_at", opened.minusSeconds(300).toString())))
          .moveTo(IncidentState.INVESTIGATING, opened.plusSeconds(60), "")
          .moveTo(IncidentState.DIAGNOSED, opened.plusSeconds(300), "")
          .moveTo(IncidentState.MITIGATING, opened.plusSeconds(600), "")
          .moveTo(IncidentState.MITIGATED, opened.plusSeconds(900), ""));
    }
  }

  @Test
  void json_isTheApiSummary() throws IOException {
    CliRunner r = CliRunner.run("metrics", "--state", state.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = JSON.readTree(r.out());
    assertThat(s.get("incidents").asInt()).isEqualTo(1);
    assertThat(s.get("mttr_seconds").get("mean").asDouble()).isEqualTo(1200.0);
    assertThat(s.get("ttd_seconds").get("mean").asDouble()).isEqualTo(300.0);
    assertThat(s.get("time_saved_seconds").asDouble()).as("60m default baseline").isEqualTo(2400.0);
  }

  @Test
  void jsonWithBucket_holdsSummaryAndSeries_andTheConfiguredBaseline() throws IOException {
    Path config = dir.resolve("responder.yaml");
    Files.writeString(config, "metrics:\n  manual-baseline:\n    time-to-mitigate: 90m\n");
    CliRunner r = CliRunner.run("metrics", "--config", config.toString(), "--state", state.toString(), "--since", "2d",
        "--bucket", "day", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("summary").get("manual_baseline").get("time_to_mitigate_seconds").asDouble()).isEqualTo(5400.0);
    assertThat(doc.get("timeseries").get("bucket").asText()).isEqualTo("day");
    assertThat(doc.get("timeseries").get("points").size()).isBetween(2, 3);
  }

  @Test
  void table_showsEveryMetric_andTheSeriesWithBucket() {
    CliRunner r = CliRunner.run("metrics", "--state", state.toString(), "--bucket", "hour", "--since", "6h");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("time to mitigate \\(mean\\) +20m +n=1")
        .containsPattern("time to detect \\(median\\) +5m").containsPattern("acceptance rate +- +0 approved")
        .containsPattern("time saved +40m +against a manual time to mitigate of 1h")
        .containsPattern("\n\\S+T\\S+Z +1 +1 +20m +5m +- +\\$0.0000 +40m +0\n").containsPattern("\\([67] hour buckets, UTC\\)");
  }

  @Test
  void badInput_isOneLine_andNonZeroExit() {
    CliRunner bucket = CliRunner.run("metrics", "--state", state.toString(), "--bucket", "fortnight");
    assertThat(bucket.exitCode()).isNotZero();
    assertThat(bucket.err().strip()).startsWith("responder: ").contains("'fortnight'").doesNotContain("\n");
    CliRunner since = CliRunner.run("metrics", "--state", state.toString(), "--since", "soon");
    assertThat(since.exitCode()).isNotZero();
    assertThat(since.err()).contains("--since").contains("'soon'").doesNotContain("\tat ");
    CliRunner tooMany = CliRunner.run("metrics", "--state", state.toString(), "--since", "60d", "--bucket", "hour");
    assertThat(tooMany.err()).contains("1000");
    CliRunner missing = CliRunner.run("metrics", "--state", dir.resolve("nope.duckdb").toString());
    assertThat(missing.err()).contains("nope.duckdb").contains("does not exist");
  }

  @Test
  void durations_readAsAPersonWouldSayThem() {
    assertThat(MetricsCommand.duration(45.4)).isEqualTo("45s");
    assertThat(MetricsCommand.duration(252.0)).isEqualTo("4m 12s");
    assertThat(MetricsCommand.duration(5400.0)).isEqualTo("1h 30m");
    assertThat(MetricsCommand.duration(183_600.0)).isEqualTo("2d 3h");
    assertThat(MetricsCommand.duration(null)).isEqualTo("-");
  }
}
