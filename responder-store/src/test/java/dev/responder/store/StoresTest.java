package dev.responder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.testkit.TestTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
  @TempDir
  Path dir;

  @Test
  void telemetry_opensDuckDbFromSchemePlainPathOrMemory() {
    Path withScheme = dir.resolve("a.db");
    Path plain = dir.resolve("b.db");
    for (String spec : List.of("duckdb:" + withScheme, plain.toString(), "duckdb::memory:", ":memory:", " DuckDB::memory: ")) {
      try (TelemetryStore store = Stores.telemetry(spec)) {
        store.append(TelemetryBatch.ofLogs(List.of(TestTelemetry.log(1, "api", Severity.INFO, "x"))));
        assertThat(store.stats().logRecords()).as(spec).isEqualTo(1);
      }
    }
    assertThat(withScheme).exists();
    assertThat(plain).exists();
  }

  @Test
  void telemetry_unknownScheme_failsListingTheKnownOnes() {
    assertThatThrownBy(() -> Stores.telemetry("influx://localhost:8086/db"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'influx'")
        .hasMessageContaining("duckdb");
  }

  @Test
  void telemetry_unknownScheme_hidesPasswordsInTheMessage() {
    assertThatThrownBy(() -> Stores.telemetry("influx:http://me:s3cret@host:8086/db"))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void telemetry_blankSpecOrPath_failsWithConfigException() {
    assertThatThrownBy(() -> Stores.telemetry(" ")).isInstanceOf(ConfigException.class).hasMessageContaining("blank");
    assertThatThrownBy(() -> Stores.telemetry("duckdb:")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("duckdb:");
  }

  @Test
  void schemes_includeTheBuiltInDuckDb() {
    assertThat(Stores.schemes()).contains("duckdb");
  }

  @Test
  void openDuckDb_createsTheFile_andNamesIt() throws Exception {
    Path file = dir.resolve("responder.db");
    try (DuckDbDatabase db = Stores.openDuckDb(file)) {
      assertThat(db.name()).isEqualTo("duckdb:" + file.toAbsolutePath());
      assertThat(db.telemetry().toString()).isEqualTo(db.name());
    }
    assertThat(Files.size(file)).isPositive();
  }
}
