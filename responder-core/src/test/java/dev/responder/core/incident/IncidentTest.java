package dev.responder.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IncidentTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static Incident opened() {
    return Incident.open(new IncidentId("INC-1"), "checkout errors", Severity.ERROR, T, "checkout/error_rate",
        Set.of(ServiceId.of("checkout")));
  }

  @Test
  void open_startsDetected_withDetectionOnTimeline() {
    Incident incident = opened();
    assertThat(incident.state()).isEqualTo(IncidentState.DETECTED);
    assertThat(incident.timeline()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("state"));
    assertThat(incident.firstEntered(IncidentState.DETECTED)).contains(T);
  }

  @Test
  void moveTo_followsHappyPath_andRecordsEachStep() {
    Incident i = opened();
    IncidentState[] path = {IncidentState.TRIAGED, IncidentState.INVESTIGATING, IncidentState.DIAGNOSED,
        IncidentState.MITIGATING, IncidentState.MITIGATED, IncidentState.RESOLVED};
    for (int k = 0; k < path.length; k++) {
      i = i.moveTo(path[k], T.plusSeconds(k + 1), "step");
    }
    assertThat(i.state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(i.timeline()).hasSize(path.length + 1);
    assertThat(i.firstEntered(IncidentState.MITIGATED)).contains(T.plusSeconds(5));
  }

  @Test
  void moveTo_rejectsSkippingStates_withBothStatesInMessage() {
    assertThatThrownBy(() -> opened().moveTo(IncidentState.MITIGATED, T, "too early"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DETECTED").hasMessageContaining("MITIGATED");
  }

  @Test
  void resolved_isFinal() {
    assertThat(IncidentState.RESOLVED.next()).isEmpty();
    assertThat(IncidentState.RESOLVED.isOpen()).isFalse();
  }

  @Test
  void withHypothesis_replacesById() {
    Hypothesis h = new Hypothesis("h1", "db slow", ServiceId.of("postgres"), FaultType.SLOW_QUERY,
        Hypothesis.Status.OPEN, 0.4, List.of(), "check p95 of queries", "data");
    Incident i = opened().withHypothesis(h).withHypothesis(h.withStatus(Hypothesis.Status.REFUTED));
    assertThat(i.hypotheses()).singleElement().satisfies(x -> {
      assertThat(x.status()).isEqualTo(Hypothesis.Status.REFUTED);
      assertThat(x.nextTest()).isEmpty();
    });
  }

  @Test
  void randomIds_areReproducibleUnderASeed() {
    assertThat(IncidentId.random(new SplittableRandom(7))).isEqualTo(IncidentId.random(new SplittableRandom(7)));
  }

  @Test
  void faultType_normalisesNames() {
    assertThat(FaultType.of("CPU Saturation")).isEqualTo(FaultType.CPU_SATURATION);
    assertThat(FaultType.of("network-delay").name()).isEqualTo("network_delay");
  }

  @Test
  void withEntriesOf_takesInWhatAnotherCopyAdded_inTimeOrder_andKeepsThisCopysState() {
    Incident base = opened();
    Incident remediator = base.moveTo(IncidentState.INVESTIGATING, T.plusSeconds(10), "looking")
        .record(TimelineEntry.of(T.plusSeconds(30), "action", "restart checkout"));
    Incident api = base.record(TimelineEntry.of(T.plusSeconds(20), "feedback", "diagnosis correct"))
        .record(TimelineEntry.of(T.plusSeconds(40), "alert", "still firing"));

    Incident merged = remediator.withEntriesOf(api);

    assertThat(merged.timeline()).extracting(TimelineEntry::kind)
        .containsExactly("state", "state", "feedback", "action", "alert");
    assertThat(merged.state()).isEqualTo(IncidentState.INVESTIGATING);
    assertThat(merged.withEntriesOf(api)).isSameAs(merged);
    assertThat(remediator.withEntriesOf(remediator)).isSameAs(remediator);
    Incident other = Incident.open(new IncidentId("INC-2"), "x", Severity.ERROR, T, "", Set.of());
    assertThatThrownBy(() -> remediator.withEntriesOf(other)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INC-2");
  }
}
