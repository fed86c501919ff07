package dev.responder.store.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import dev.responder.core.error.TransientException;
import dev.responder.store.TelemetryStoreProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Configuration and connection failures, which need no running server. */
class ClickHouseStoresTest {
  private static final ClickHouseStores.Settings DEFAULTS = ClickHouseStores.Settings.defaults();

  @Test
  void open_failsTransient_withEndpointInMessage_whenNothingListens() throws Exception {
    URI endpoint = URI.create("http://127.0.0.1:" + ClickHouseTestServer.freePort());

    assertThatThrownBy(() -> ClickHouseStores.open(endpoint, "responder", DEFAULTS))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining(endpoint.toString())
        .hasMessageContaining("connection refused")
        .hasMessageContaining("create database");
  }

  @Test
  void open_rejectsDatabaseNamesThatNeedQuoting() {
    assertThatThrownBy(() -> ClickHouseStores.open(URI.create("http://127.0.0.1:8123"), "tele-metry", DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'tele-metry'");
  }

  @Test
  void open_rejectsEndpointsThatAreNotPlainHttp() {
    assertThatThrownBy(() -> ClickHouseStores.open(URI.create("tcp://127.0.0.1:9000"), "db", DEFAULTS))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tcp://127.0.0.1:9000");
    assertThatThrownBy(() -> ClickHouseStores.open(URI.create("http://127.0.0.1:8123/db"), "db", DEFAULTS))
        .isInstanceOf(ConfigException.class).hasMessageContaining("path");
    assertThatThrownBy(() -> ClickHouseStores.open(URI.create("http://u:p@127.0.0.1:8123"), "db", DEFAULTS))
        .isInstanceOf(ConfigException.class).hasMessageContaining("credentials");
  }

  @Test
  void settings_rejectOutOfRangeValues_withTheValue() {
    assertThatThrownBy(() -> DEFAULTS.withInsertBatchSize(0))
        .isInstanceOf(ConfigException.class).hasMessageContaining("insertBatchSize").hasMessageContaining("was 0");
    assertThatThrownBy(() -> DEFAULTS.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("connectTimeout").hasMessageContaining("PT0S");
    assertThatThrownBy(() -> DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofDays(1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("requestTimeout").hasMessageContaining("PT24H");
    assertThatThrownBy(() -> DEFAULTS.withCredentials(" ", ""))
        .isInstanceOf(ConfigException.class).hasMessageContaining("user");
  }

  @Test
  void settings_toString_hidesThePassword() {
    assertThat(DEFAULTS.withCredentials("reader", "s3cret").toString()).doesNotContain("s3cret").contains("reader");
  }

  @Test
  void provider_isRegisteredForClickhouseScheme() {
    assertThat(ServiceLoader.load(TelemetryStoreProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(p -> {
          assertThat(p).isInstanceOf(ClickHouseStoreProvider.class);
          assertThat(p.scheme()).isEqualTo("clickhouse");
        });
  }

  @Test
  void provider_reportsUnreachableServerAsConfigError_keepingTheTransientCause() throws Exception {
    String spec = "clickhouse:http://u:secret@127.0.0.1:" + ClickHouseTestServer.freePort() + "/telemetry";

    assertThatThrownBy(() -> new ClickHouseStoreProvider().open(spec))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("connection refused")
        .hasMessageNotContaining("secret")
        .hasCauseInstanceOf(TransientException.class);
  }

  @Test
  void provider_parsesEndpointDatabaseAndCredentials() {
    ClickHouseStoreProvider.Target t = ClickHouseStoreProvider.parse("clickhouse:http://ro%40x:p%3Aw@10.0.0.5:8123/telemetry");

    assertThat(t.endpoint()).isEqualTo(URI.create("http://10.0.0.5:8123"));
    assertThat(t.database()).isEqualTo("telemetry");
    assertThat(t.settings().user()).isEqualTo("ro@x");
    assertThat(t.settings().password()).isEqualTo("p:w");
  }

  @Test
  void provider_rejectsSpecWithoutDatabase_withoutEchoingThePassword() {
    assertThatThrownBy(() -> ClickHouseStoreProvider.parse("clickhouse:http://u:secret@127.0.0.1:8123"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database")
        .hasMessageNotContaining("secret");
  }
}
