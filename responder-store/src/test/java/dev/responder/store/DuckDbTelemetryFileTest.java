package dev.responder.store;

import static dev.responder.core.testkit.TestTelemetry.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import dev.responder.core.error.PermanentException;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.Aggregation;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.LogSearchResult;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.SpanQuery;
import dev.responder.core.query.StoreStats;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.testkit.TestTelemetry;
import dev.responder.core.topology.ServiceId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the DuckDB adapter adds to the contract: files, reopening, other processes, schema versions, atomicity. */
class DuckDbTelemetryFileTest {
  private static final TimeWindow DAY = TimeWindow.of(TestTelemetry.T0.minus(Duration.ofDays(1)),
      TestTelemetry.T0.plus(Duration.ofDays(1)));

  @TempDir
  Path dir;

  @Test
  void telemetry_survivesReopen_andKnownSeriesAreReused() throws Exception {
    Path file = dir.resolve("telemetry.db");
    try (TelemetryStore store = Stores.telemetry("duckdb:" + file)) {
      store.append(TelemetryBatch.ofMetrics(List.of(TestTelemetry.metric(1, "api", "api-1", "cpu", 0.5))));
      store.append(TelemetryBatch.ofLogs(List.of(TestTelemetry.log(2, "api", Severity.WARN, "disk almost full"))));
    }

    try (TelemetryStore store = Stores.telemetry(file.toString())) {
      store.append(TelemetryBatch.ofMetrics(List.of(TestTelemetry.metric(61, "api", "api-1", "cpu", 0.7))));

      assertThat(store.metrics(MetricQuery.of("api", "cpu", DAY, Duration.ofMinutes(1), Aggregation.AVG)).rows()
          .getFirst().points()).hasSize(2);
      assertThat(store.searchLogs(new LogQuery(null, null, "DISK", DAY, 10)).lines().rows()).hasSize(1);
      assertThat(((DuckDbTelemetryStore) store).seriesCount()).isEqualTo(1);
    }
  }

  @Test
  void open_fileHeldByAnotherProcess_failsWithConfigExceptionNamingThePath() throws Exception {
    Path file = dir.resolve("held.db");
    Process holder = new ProcessBuilder(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), HoldDatabase.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("holding"));
      assertThat(line).as("the holder process reports that it opened the file").startsWith("holding");

      assertThatThrownBy(() -> Stores.openDuckDb(file))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(file.toAbsolutePath().toString())
          .hasMessageContaining("another process");
    } finally {
      holder.getOutputStream().close();
      holder.waitFor(30, TimeUnit.SECONDS);
      holder.destroyForcibly();
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  @Test
  void open_fileThatIsNotDuckDb_failsWithConfigExceptionNamingThePath() throws Exception {
    Path file = dir.resolve("corrupt.db");
    Files.writeString(file, "not a database ".repeat(1_000));

    assertThatThrownBy(() -> Stores.openDuckDb(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("not a valid");
  }

  @Test
  void open_inMissingDirectory_failsWithConfigExceptionNamingTheDirectory() {
    Path file = dir.resolve("no/such/dir/telemetry.db");

    assertThatThrownBy(() -> Stores.openDuckDb(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("no/such/dir").toString());
  }

  @Test
  void open_fileFromNewerSchema_isRefusedWithBothVersions() throws Exception {
    Path file = dir.resolve("future.db");
    Stores.openDuckDb(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version VALUES (" + (DuckDbSchema.CURRENT + 1) + ", 0)");
    }

    assertThatThrownBy(() -> Stores.openDuckDb(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema version " + (DuckDbSchema.CURRENT + 1))
        .hasMessageContaining("up to " + DuckDbSchema.CURRENT);
  }

  @Test
  void open_recordsTheSchemaVersionOnce() throws Exception {
    Path file = dir.resolve("versioned.db");
    Stores.openDuckDb(file).close();
    Stores.openDuckDb(file).close();

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).as("one row per version").isEqualTo(DuckDbSchema.CURRENT);
      assertThat(rs.getInt(2)).isEqualTo(DuckDbSchema.CURRENT);
    }
  }

  @Test
  void open_ofVersion1File_keepsItsLogLinesFindableByText() throws Exception {
    Path file = dir.resolve("version1.db");
    try (DuckDbConnections connections = DuckDbConnections.open(file)) {
      DuckDbSchema.migrateTo(connections, () -> Instant.EPOCH, 1);
      connections.write(connection -> {
        // A version 1 row: the 64-bit signature of "Connection reset by peer", set by hand below.
        DuckDbConnections.execute(connection, "INSERT INTO logs VALUES (1000, 'api', 'api-0', 4, "
            + "'Connection reset by peer', '', '', '{}', " + version1Signature("connection reset by peer") + ")");
        return null;
      });
    }

    try (TelemetryStore store = Stores.telemetry(file.toString())) {
      LogSearchResult found = store.searchLogs(new LogQuery(null, null, "RESET BY", TimeWindow.of(
          Instant.ofEpochMilli(0), Instant.ofEpochMilli(2000)), 10));

      assertThat(found.lines().rows()).extracting(LogRecord::body).containsExactly("Connection reset by peer");
    }
  }

  private static long version1Signature(String lowerBody) {
    long sig = 0;
    for (int i = 2; i < lowerBody.length(); i++) {
      long h = ((long) lowerBody.charAt(i - 2) << 16 | (long) lowerBody.charAt(i - 1) << 8 | lowerBody.charAt(i))
          * 0x9E3779B97F4A7C15L;
      sig |= 1L << (h >>> 58);
    }
    return sig;
  }

  @Test
  void append_kindFailingHalfway_writesNoneOfThatKind_butKeepsKindsWrittenBefore() {
    try (TelemetryStore store = Stores.telemetry(":memory:")) {
      Span fine = TestTelemetry.span("t", "s1", "", "api", "op", 1, 5, false);
      Span absurd = new Span("t", "s2", "s1", ServiceId.of("api"), "op", at(2), Duration.ofSeconds(Long.MAX_VALUE / 1_000),
          SpanStatus.OK, Map.of());
      TelemetryBatch batch = new TelemetryBatch(List.of(MetricPoint.of(at(1), "api", "", "cpu", 1)),
          List.of(LogRecord.of(at(1), "api", Severity.INFO, "hi")), List.of(fine, absurd), List.of());

      assertThatThrownBy(() -> store.append(batch))
          .isInstanceOf(PermanentException.class)
          .hasMessageContaining("append of 2 spans")
          .hasMessageContaining("duckdb::memory:");

      StoreStats stats = store.stats();
      assertThat(stats.metricPoints()).isEqualTo(1);
      assertThat(stats.logRecords()).isEqualTo(1);
      assertThat(stats.spans()).isZero();
      assertThat(store.spans(new SpanQuery(null, null, null, DAY, false, false, 10)).rows()).isEmpty();
    }
  }

  @Test
  void telemetryOfDatabase_closingTheHandle_leavesTheDatabaseOpen() {
    try (DuckDbDatabase db = Stores.openDuckDb(null)) {
      db.telemetry().close();

      assertThatThrownBy(() -> db.telemetry().stats()).isInstanceOf(PermanentException.class);
      assertThat(db.audit().query(null, null, null, 1)).isEmpty();
    }
  }

  @Test
  void queries_ofNonAsciiText_stillMatchCaseInsensitively() {
    try (TelemetryStore store = Stores.telemetry(":memory:")) {
      store.append(TelemetryBatch.ofLogs(List.of(
          LogRecord.of(Instant.parse("2026-01-01T00:00:01Z"), "api", Severity.ERROR, "Échec de connexion à la base"),
          LogRecord.of(Instant.parse("2026-01-01T00:00:02Z"), "api", Severity.ERROR, "ÜBERLAUF im Puffer"))));

      assertThat(store.searchLogs(new LogQuery(null, null, "échec DE", DAY, 10)).lines().rows()).hasSize(1);
      assertThat(store.searchLogs(new LogQuery(null, null, "überlauf", DAY, 10)).lines().rows()).hasSize(1);
    }
  }

  /** Holds a DuckDB file open until its standard input closes: "another process" for the lock test. */
  public static final class HoldDatabase {
    private HoldDatabase() {}

    public static void main(String[] args) throws Exception {
      try (DuckDbDatabase db = Stores.openDuckDb(Path.of(args[0]))) {
        System.out.println("holding " + db.name().isEmpty());
        System.out.flush();
        while (System.in.read() >= 0) {
          // Wait for the test to close our input.
        }
      }
    }
  }
}
