package dev.responder.store;

import static dev.responder.core.testkit.TestTelemetry.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.port.TelemetryStore;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.testkit.MutableClock;
import dev.responder.core.testkit.TestTelemetry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

  @Test
  void runOnce_deletesWhatIsOlderThanMaxAge_asTheClockMoves() {
    MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(2)));
    try (TelemetryStore store = Stores.telemetry(":memory:")) {
      store.append(new TelemetryBatch(
          List.of(TestTelemetry.metric(0, "api", "cpu", 1), TestTelemetry.metric(3_600, "api", "cpu", 2)),
          List.of(TestTelemetry.log(1_800, "api", Severity.INFO, "half past")), List.of(), List.of()));
      Retention retention = Retention.of(store, Duration.ofHours(1), clock);

      assertThat(retention.cutoff()).isEqualTo(T0.plus(Duration.ofHours(1)));
      assertThat(retention.runOnce()).isEqualTo(2);
      assertThat(retention.runOnce()).isZero();

      clock.advance(Duration.ofMinutes(61));
      assertThat(retention.runOnce()).isEqualTo(1);
      assertThat(store.stats().metricPoints()).isZero();
    }
  }

  @Test
  void of_rejectsMaxAgeUnderAMinute_withTheValue() {
    try (TelemetryStore store = Stores.telemetry(":memory:")) {
      MutableClock clock = new MutableClock(T0);

      assertThatThrownBy(() -> Retention.of(store, Duration.ofSeconds(10), clock))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT10S");
      assertThatThrownBy(() -> Retention.of(store, null, clock)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
