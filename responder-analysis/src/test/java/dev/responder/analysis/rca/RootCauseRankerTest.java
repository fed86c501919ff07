package dev.responder.analysis.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.FaultType;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RootCauseRankerTest {
  private final RootCauseRanker ranker = RootCauseRanker.defaults();

  private static String top(List<Candidate> ranking) {
    return ranking.getFirst().service().name();
  }

  @Test
  void ranker_picksSlowBackend_notLoudestCaller() {
    IncidentData data = Scenario.slowDb(1, 40, true, false);
    assertThat(top(RootCauseRanker.metricZScore().rank(data))).as("the reference follows the loudest caller")
        .isIn("front", "checkout");
    List<Candidate> ranking = ranker.rank(data);
    assertThat(top(ranking)).isEqualTo("db");
    assertThat(ranking.getFirst().faultType()).isEqualTo(FaultType.NETWORK_LATENCY);
    assertThat(ranking.getFirst().evidence()).anySatisfy(e -> assertThat(e).contains("latency_ms"));
  }

  @Property(tries = 30)
  void ranker_picksSlowBackend_forAnySeed(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    assertThat(top(ranker.rank(Scenario.slowDb(seed, 150, true, true)))).isEqualTo("db");
  }

  @Test
  void ranker_infersTheGraphFromSpans_whenEdgesAreMissing() {
    assertThat(top(ranker.rank(Scenario.slowDb(7, 200, false, true)))).isEqualTo("db");
  }

  @Test
  void ranker_usesTraces_whenThereAreNoMetrics() {
    IncidentData full = Scenario.slowDb(3, 200, false, true);
    IncidentData tracesOnly = new IncidentData(full.window(), full.baseline(), List.of(), Map.of(), List.of(),
        full.spans(), List.of());
    List<Candidate> ranking = ranker.rank(tracesOnly);
    assertThat(top(ranking)).isEqualTo("db");
    assertThat(ranking.getFirst().evidence()).anySatisfy(e -> assertThat(e).startsWith("trace: critical-path self time"));
  }

  @Test
  void ranker_findsNewErrorTemplate_fromLogsAlone() {
    TimeWindow base = Scenario.BASELINE;
    List<LogRecord> logs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      boolean incident = i >= 200;
      var ts = incident ? Scenario.WINDOW.from().plusSeconds(i - 200) : base.from().plusSeconds(i * 9L);
      for (String s : List.of("front", "cart", "redis")) {
        logs.add(LogRecord.of(ts, s, Severity.INFO, "served request " + i + " in " + (i % 17) + " ms"));
      }
      if (incident && i % 2 == 0) {
        logs.add(LogRecord.of(ts, "redis", Severity.ERROR, "OOM command not allowed when used memory > maxmemory"));
      }
    }
    IncidentData data = new IncidentData(Scenario.WINDOW, base, List.of(), Map.of(), logs, List.of(), List.of());
    List<Candidate> ranking = ranker.rank(data);
    assertThat(top(ranking)).isEqualTo("redis");
    assertThat(ranking.getFirst().evidence()).anySatisfy(e -> assertThat(e).contains("log"));
  }

  @Test
  void ranker_recentDeploy_breaksATieBetweenEquallyAnomalousServices() {
    IncidentData data = Scenario.slowDb(5, 0, true, false);
    ChangeEvent deploy = new ChangeEvent.Deploy(Scenario.WINDOW.from().minus(Duration.ofMinutes(2)),
        ServiceId.of("ads"), "ci", "1.4", "1.5");
    IncidentData withChange = new IncidentData(data.window(), data.baseline(), data.edges(), data.metrics(),
        data.logs(), data.spans(), List.of(deploy));
    Candidate first = ranker.rank(withChange).getFirst();
    assertThat(first.service()).isEqualTo(ServiceId.of("ads"));
    assertThat(first.faultType()).isEqualTo(FaultType.BAD_DEPLOY);
  }

  @Test
  void ranker_isDeterministic_andRanksEveryService() {
    IncidentData data = Scenario.slowDb(11, 120, true, true);
    List<Candidate> a = ranker.rank(data);
    assertThat(ranker.rank(data)).isEqualTo(a);
    assertThat(a).extracting(c -> c.service().name()).containsExactlyInAnyOrder("front", "checkout", "ads", "db");
    assertThat(a).isSortedAccordingTo((x, y) -> Double.compare(y.score(), x.score()));
  }

  @Test
  void ranker_walksFromTheSymptom_toTheDeepestAnomalousCallee() {
    IncidentData data = Scenario.slowDb(1, 80, true, false)
        .withSymptom(new IncidentData.Symptom(ServiceId.of("front"), "latency_ms"));
    List<Candidate> ranking = ranker.rank(data);
    assertThat(top(ranking)).isEqualTo("db");
    assertThat(ranking.getFirst().evidence()).anySatisfy(e -> assertThat(e).startsWith("symptom: deepest anomalous"));
    assertThat(ranking.getLast().service().name()).as("not called by the symptom").isEqualTo("ads");
  }

  @Test
  void ranker_withSymptom_ignoresAServiceTheSymptomDoesNotCall() {
    IncidentData slow = Scenario.slowDb(2, 40, true, false);
    IncidentData noisyAds = new IncidentData(slow.window(), slow.baseline(), slow.edges(),
        Scenario.withShift(slow.metrics(), "ads", "latency_ms", 500), List.of(), List.of(), List.of());
    assertThat(top(ranker.rank(noisyAds))).as("without a symptom the loudest service wins").isEqualTo("ads");
    IncidentData anchored = noisyAds.withSymptom(new IncidentData.Symptom(ServiceId.of("checkout"), "latency_ms"));
    assertThat(top(ranker.rank(anchored))).isEqualTo("db");
  }

  @Test
  void ranker_withSymptom_ignoresACalleeThatMovedAgainstTheSymptom() {
    IncidentData slow = Scenario.slowDb(3, 40, true, false);
    IncidentData fasterDb = new IncidentData(slow.window(), slow.baseline(), slow.edges(),
        Scenario.withShift(slow.metrics(), "db", "latency_ms", -200), List.of(), List.of(), List.of(),
        new IncidentData.Symptom(ServiceId.of("front"), "latency_ms"), null);
    List<Candidate> ranking = ranker.rank(fasterDb);
    assertThat(top(ranking)).as("db got faster, so checkout is the deepest node that slowed down")
        .isEqualTo("checkout");
  }

  @Test
  void incidentData_rejectsAReferenceOverlappingTheIncident() {
    IncidentData data = Scenario.slowDb(4, 40, true, false);
    assertThatThrownBy(() -> data.withReference(Scenario.WINDOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference window");
    TimeWindow before = TimeWindow.of(Scenario.T0.minus(Duration.ofHours(1)), Scenario.T0.minus(Duration.ofMinutes(59)));
    assertThat(data.withReference(before).eventBaseline()).isEqualTo(before);
    assertThat(data.eventBaseline()).isEqualTo(Scenario.BASELINE);
  }

  @Test
  void byName_knowsTheRegisteredRankers_andListsThemOnATypo() {
    assertThat(RootCauseRanker.names()).containsExactly("metric-zscore", "multi-signal");
    assertThat(RootCauseRanker.byName("multi-signal").name()).isEqualTo("multi-signal");
    assertThatThrownBy(() -> RootCauseRanker.byName("pagerank"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'pagerank'").hasMessageContaining("multi-signal");
  }

  @Test
  void settings_rejectWeightsOutsideTheUnitInterval() {
    assertThatThrownBy(() -> new RankerSettings(1.5, 0, 0, 0, 0, 3, 0, 0, true))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricWeight").hasMessageContaining("1.5");
  }
}
