package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {
  @Test
  void simRun_writesTelemetryToTheStore_andReportsTheGroundTruth(@TempDir Path dir) {
    Path store = dir.resolve("sim.duckdb");
    CliRunner r = CliRunner.run("sim", "run", "--app", "shop", "--fault", "memory_leak@cart", "--seed", "3",
        "--duration", "10m", "--start", "2026-11-01T12:00:00Z", "--store", store.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("ground truth: memory_leak on cart");
    assertThat(r.err()).contains("simulated 10m / 10m");
    try (var t = Stores.telemetry(store.toString())) {
      assertThat(t.stats().metricPoints()).isGreaterThan(1000);
    }
  }

  @Test
  void simProblems_listsTheRegistry_asTableAndJson() {
    CliRunner table = CliRunner.run("sim", "problems");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("cpu_saturation-catalog-detection").contains("no_fault-shop-detection");
    CliRunner json = CliRunner.run("sim", "problems", "--json");
    assertThat(json.out()).contains("\"id\" : \"memory_leak-cart-mitigation\"");
  }

  @Test
  void simDescribe_showsTheFaultAndOracle_andRejectsUnknownIds() {
    CliRunner ok = CliRunner.run("sim", "describe", "deadlock-cart-rca");
    assertThat(ok.out()).contains("fix:         restart the service").contains("oracle:");
    CliRunner bad = CliRunner.run("sim", "describe", "deadlock-nowhere-rca");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("unknown problem 'deadlock-nowhere-rca'");
  }

  @Test
  void simExport_writesACaseBundle(@TempDir Path dir) {
    CliRunner r = CliRunner.run("sim", "export", "--problem", "bad_deploy-checkout-rca", "--seed", "2", "--out",
        dir.toString(), "--log-volume", "0.01");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(dir.resolve("case.json")).exists();
    assertThat(Files.exists(dir.resolve("metrics.csv"))).isTrue();
  }
}
