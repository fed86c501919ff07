package dev.responder.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeEventTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final ServiceId S = ServiceId.of("payment");

  @Test
  void everyVariant_roundTripsThroughItsStoredForm() {
    List<ChangeEvent> all = List.of(
        new ChangeEvent.Deploy(T, S, "ci", "1.4.2", "1.5.0"),
        new ChangeEvent.ConfigChange(T, S, "alice", "db.timeout", "5s", "50ms"),
        new ChangeEvent.FlagChange(T, S, "bob", "new-pricing", true),
        new ChangeEvent.Scale(T, S, "hpa", 3, 6),
        new ChangeEvent.Restart(T, S, "kubelet", "payment-2", "OOMKilled"));
    for (ChangeEvent e : all) {
      assertThat(ChangeEvent.of(e.ts(), e.service(), e.kind(), e.author(), e.details())).isEqualTo(e);
    }
  }

  @Test
  void summary_readsLikeAnOperatorWouldWriteIt() {
    assertThat(new ChangeEvent.Deploy(T, S, "ci", "1.4.2", "1.5.0").summary()).isEqualTo("deploy payment 1.4.2 -> 1.5.0");
    assertThat(new ChangeEvent.Restart(T, S, "", "payment-2", "OOMKilled").summary()).isEqualTo("restart payment/payment-2 (OOMKilled)");
  }

  @Test
  void parseKind_listsKnownKinds_onUnknown() {
    assertThat(ChangeEvent.parseKind("Deploy")).isEqualTo(ChangeEvent.Kind.DEPLOY);
    assertThatThrownBy(() -> ChangeEvent.parseKind("reboot")).hasMessageContaining("known: deploy");
  }

  @Test
  void severity_mapsOtelNumbersAndCommonNames() {
    assertThat(Severity.fromOtelNumber(9)).isEqualTo(Severity.INFO);
    assertThat(Severity.fromOtelNumber(17)).isEqualTo(Severity.ERROR);
    assertThat(Severity.fromOtelNumber(24)).isEqualTo(Severity.FATAL);
    assertThat(Severity.fromOtelNumber(0)).isEqualTo(Severity.INFO);
    assertThat(Severity.parse("warning")).isEqualTo(Severity.WARN);
    assertThat(Severity.parse("CRITICAL")).isEqualTo(Severity.FATAL);
  }
}
