package dev.responder.app.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtlpSettingsTest {

  @Test
  void defaults_allowSixteenMebibytesAndTenMinutesOfSkew() {
    assertThat(OtlpSettings.defaults()).isEqualTo(new OtlpSettings(16 * 1024 * 1024, Duration.ofMinutes(10)));
  }

  @Test
  void settings_rejectBodyLimitOutsideRange_namingTheValue() {
    assertThatThrownBy(() -> OtlpSettings.defaults().withMaxBodyBytes(0)).isInstanceOf(ConfigException.class)
        .hasMessage("otlp maxBodyBytes must be between 1 and 1073741824 but was 0");
    assertThatThrownBy(() -> OtlpSettings.defaults().withMaxBodyBytes(2L << 30))
        .hasMessageContaining("but was 2147483648");
  }

  @Test
  void settings_rejectNegativeOrMissingSkew() {
    assertThatThrownBy(() -> OtlpSettings.defaults().withMaxFutureSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("otlp maxFutureSkew must be zero or positive but was PT-1S");
    assertThatThrownBy(() -> new OtlpSettings(1024, null)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("but was null");
  }

  @Test
  void hugeSkew_acceptsAnyTimestamp_withoutOverflowing() {
    TimeRules rules = TimeRules.at(OtlpRequests.NOW, Duration.ofDays(365L * 1_000_000));

    assertThat(rules.accepts(Long.MAX_VALUE)).isTrue();
    assertThat(rules.accepts(0)).isFalse();
  }
}
