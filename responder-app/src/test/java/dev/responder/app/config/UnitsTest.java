package dev.responder.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitsTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void duration_acceptsShortFormsCompoundsAndIso() {
    assertThat(Units.duration("10s", "x")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Units.duration("1h30m", "x")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Units.duration("7d", "x")).isEqualTo(Duration.ofDays(7));
    assertThat(Units.duration("250ms", "x")).isEqualTo(Duration.ofMillis(250));
    assertThat(Units.duration("PT15M", "x")).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void duration_rejectsGarbage_namingTheSettingAndValue() {
    assertThatThrownBy(() -> Units.duration("ten minutes", "retention.max-age"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("retention.max-age").hasMessageContaining("'ten minutes'");
    assertThatThrownBy(() -> Units.duration("5x", "x")).isInstanceOf(ConfigException.class);
  }

  @Test
  void bytes_usesPowersOf1024() {
    assertThat(Units.bytes("16MiB", "x")).isEqualTo(16L * 1024 * 1024);
    assertThat(Units.bytes("512k", "x")).isEqualTo(512L * 1024);
    assertThat(Units.bytes("1000", "x")).isEqualTo(1000);
    assertThatThrownBy(() -> Units.bytes("big", "otlp.max-body")).hasMessageContaining("otlp.max-body");
  }

  @Test
  void instant_acceptsIsoEpochNowAndRelative() {
    assertThat(Units.instant("2026-11-27T10:00:00Z", NOW, "--from")).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(Units.instant("2026-11-27 10:00:00", NOW, "--from")).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(Units.instant("1795780800000", NOW, "--from")).isEqualTo(Instant.ofEpochMilli(1795780800000L));
    assertThat(Units.instant("now", NOW, "--to")).isEqualTo(NOW);
    assertThat(Units.instant("-1h", NOW, "--from")).isEqualTo(NOW.minusSeconds(3600));
    assertThat(Units.instant("now-15m", NOW, "--from")).isEqualTo(NOW.minusSeconds(900));
    assertThatThrownBy(() -> Units.instant("yesterday", NOW, "--from")).hasMessageContaining("--from").hasMessageContaining("'yesterday'");
  }
}
