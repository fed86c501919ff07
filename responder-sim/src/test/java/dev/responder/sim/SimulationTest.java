package dev.responder.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.telemetry.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulationTest {
  private static final SimSettings SETTINGS = SimSettings.defaults().withStart(Instant.parse("2026-11-01T12:00:00Z"));

  private static Recorder run(long seed, Duration... chunks) {
    Simulation sim = Simulation.create(AppModel.shop(), SETTINGS, seed);
    Recorder r = new Recorder();
    for (Duration d : chunks) {
      sim.advance(d, r);
    }
    return r;
  }

  @Test
  void sameSeed_givesByteIdenticalTelemetry() {
    assertThat(run(42, Duration.ofMinutes(20)).sha256()).isEqualTo(run(42, Duration.ofMinutes(20)).sha256());
  }

  @Test
  void sameSeed_isIndependentOfHowTimeIsChunked() {
    assertThat(run(42, Duration.ofMinutes(7), Duration.ofMinutes(13)).sha256())
        .isEqualTo(run(42, Duration.ofMinutes(20)).sha256());
  }

  @Test
  void differentSeed_givesDifferentTelemetry() {
    assertThat(run(43, Duration.ofMinutes(20)).sha256()).isNotEqualTo(run(42, Duration.ofMinutes(20)).sha256());
  }

  @Test
  void healthyShop_meetsEverySlo_andEmitsEveryDocumentedMetric() {
    Simulation sim = Simulation.create(AppModel.shop(), SETTINGS.withStart(Instant.parse("2026-11-01T15:00:00Z")), 1);
    Recorder r = new Recorder();
    sim.advance(Duration.ofMinutes(30), r);
    assertThat(sim.withinSlo()).isTrue();
    assertThat(sim.healthyFor()).isEqualTo(Duration.ofMinutes(30));
    Set<String> names = r.metrics.stream().map(m -> m.name()).collect(Collectors.toSet());
    assertThat(names).containsExactlyInAnyOrderElementsOf(MetricEmitter.NAMES);
    assertThat(r.spans).isNotEmpty().anyMatch(s -> !s.isRoot());
    assertThat(r.logs).noneMatch(l -> l.level() == Severity.ERROR);
  }

  @Test
  void logs_followTraffic_atAboutAMillionLinesPerPeakHour() {
    Recorder peak = new Recorder();
    Simulation.create(AppModel.shop(), SETTINGS.withStart(Instant.parse("2026-11-01T16:00:00Z")), 1)
        .advance(Duration.ofMinutes(10), peak);
    Recorder night = new Recorder();
    Simulation.create(AppModel.shop(), SETTINGS.withStart(Instant.parse("2026-11-01T04:00:00Z")), 1)
        .advance(Duration.ofMinutes(10), night);
    assertThat(peak.logs.size() * 6).isBetween(800_000, 1_400_000);
    assertThat(night.logs.size()).isLessThan(peak.logs.size() / 3);
  }

  @Test
  void traces_linkChildrenToParentsWithinTheTrace() {
    Recorder r = run(5, Duration.ofMinutes(5));
    var ids = r.spans.stream().map(s -> s.traceId() + "/" + s.spanId()).collect(Collectors.toSet());
    assertThat(r.spans).filteredOn(s -> !s.isRoot()).allMatch(s -> ids.contains(s.traceId() + "/" + s.parentSpanId()));
  }

  @Test
  void advance_rejectsDurationsThatAreNotWholeTicks() {
    Simulation sim = Simulation.create(AppModel.shop(), SETTINGS, 1);
    assertThatThrownBy(() -> sim.advance(Duration.ofSeconds(15))).hasMessageContaining("PT15S");
  }

  @Test
  void defaultStart_dependsOnTheSeed() {
    Instant a = Simulation.create(AppModel.shop(), SimSettings.defaults(), 1).start();
    Instant b = Simulation.create(AppModel.shop(), SimSettings.defaults(), 2).start();
    assertThat(a).isNotEqualTo(b);
    assertThat(a).isBetween(SimSettings.DEFAULT_EPOCH, SimSettings.DEFAULT_EPOCH.plus(Duration.ofDays(1)));
  }
}
