package dev.responder.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponderConfigTest {
  @TempDir
  Path dir;

  @Test
  void defaults_areLocalAndEmbedded() {
    ResponderConfig c = ResponderConfig.defaults();
    assertThat(c.store()).isEqualTo("responder.duckdb");
    assertThat(c.stateFile()).isEqualTo("responder.duckdb");
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(4318);
  }

  @Test
  void yaml_thenEnvironment_thenOptions_laterWins() throws IOException {
    Path file = dir.resolve("responder.yaml");
    Files.writeString(file, """
        store: telemetry.duckdb
        server:
          port: 9000
        otlp:
          max-body: 4MiB
        retention:
          max-age: 3d
        """);
    ResponderConfig c = ResponderConfig.load(file, Map.of("RESPONDER_PORT", "9100"));
    assertThat(c.store()).isEqualTo("telemetry.duckdb");
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.otlpMaxBodyBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(c.retentionMaxAge()).isEqualTo(Duration.ofDays(3));
    assertThat(c.withPort(0).port()).isZero();
    assertThat(c.withStore("other.duckdb").stateFile()).isEqualTo("other.duckdb");
  }

  @Test
  void clickhouseStore_keepsStateInAnEmbeddedFile() {
    ResponderConfig c = ResponderConfig.defaults().withStore("clickhouse:http://127.0.0.1:8123/responder");
    assertThat(c.stateFile()).isEqualTo("responder-state.duckdb");
  }

  @Test
  void unknownKey_isRejected_withTheKnownOnesListed() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "stroe: x.duckdb\n");
    assertThatThrownBy(() -> ResponderConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'stroe'").hasMessageContaining("known: api, autonomy, metrics, otlp, retention, server, state, store, webhooks");
  }

  @Test
  void badValues_failAtLoad_withTheValueInTheMessage() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "server:\n  port: 70000\n");
    assertThatThrownBy(() -> ResponderConfig.load(file, Map.of())).hasMessageContaining("70000");
    assertThatThrownBy(() -> ResponderConfig.load(null, Map.of("RESPONDER_PORT", "http"))).hasMessageContaining("'http'");
    assertThatThrownBy(() -> ResponderConfig.load(dir.resolve("missing.yaml"), Map.of())).hasMessageContaining("does not exist");
  }

  @Test
  void malformedYaml_isAConfigError_notAStackTrace() throws IOException {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "store: [unclosed\n");
    assertThatThrownBy(() -> ResponderConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config file");
  }
}
