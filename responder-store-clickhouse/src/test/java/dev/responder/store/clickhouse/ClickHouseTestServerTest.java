package dev.responder.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ClickHouseTestServerTest {
  private static final Path MISSING = Path.of("/nonexistent/clickhouse-server");

  @Test
  void requireInstalled_skipsWithInstallHint_whenBinaryMissing() {
    assertThatThrownBy(() -> ClickHouseTestServer.requireInstalled(MISSING, Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("clickhouse-server not installed (apt-get install -y clickhouse-server);"
            + " skipping ClickHouse contract tests");
  }

  @Test
  void requireInstalled_fails_whenBinaryMissingAndCiRequiresClickHouse() {
    assertThatThrownBy(() -> ClickHouseTestServer.requireInstalled(MISSING, Map.of("RESPONDER_REQUIRE_CLICKHOUSE", "1")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("clickhouse-server not installed")
        .hasMessageContaining("RESPONDER_REQUIRE_CLICKHOUSE=1");
  }

  @Test
  void requireInstalled_stillSkips_whenRequireVariableIsNotOne() {
    assertThatThrownBy(() -> ClickHouseTestServer.requireInstalled(MISSING, Map.of("RESPONDER_REQUIRE_CLICKHOUSE", "0")))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void requireInstalled_passes_whenBinaryIsExecutable() {
    Path anyExecutable = Path.of("/bin/sh");

    assertThatCode(() -> ClickHouseTestServer.requireInstalled(anyExecutable, Map.of())).doesNotThrowAnyException();
  }
}
