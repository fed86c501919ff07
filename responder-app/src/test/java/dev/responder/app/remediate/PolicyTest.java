package dev.responder.app.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.action.ActionKind;
import dev.responder.core.action.AutonomyLevel;
import dev.responder.core.error.ConfigException;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.SimActions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

  @Test
  void catalog_declaresTheRiskAndReversibilityTheSimulatorStamps() {
    for (ActionKind k : ActionKind.values()) {
      ActionSpec s = ActionCatalog.standard().spec(k);
      assertThat(s.risk()).as(k.name()).isEqualTo(SimActions.risk(k));
      assertThat(s.reversibility()).as(k.name()).isEqualTo(SimActions.reversibility(k));
      assertThat(s.preconditions()).as(k.name()).isNotEmpty();
    }
  }

  @Test
  void highRiskOrIrreversibleActions_areNeverAutonomous_withoutExplicitConfiguration() {
    Policy autonomous = Policy.defaults().forRun(AutonomyLevel.AUTONOMOUS);
    for (ActionSpec s : ActionCatalog.standard().all()) {
      PolicyDecision d = autonomous.decide(SimActions.of(s.kind(), ServiceId.of("payment")), "prod", 1, 0, NOW);
      if (s.destructive()) {
        assertThat(d.verdict()).as(s.kind().name()).isEqualTo(PolicyDecision.Verdict.NEEDS_APPROVAL);
        assertThat(d.explanation()).contains("never autonomous unless autonomy." + s.toolName() + " is set explicitly");
      } else {
        assertThat(d.verdict()).as(s.kind().name()).isEqualTo(PolicyDecision.Verdict.EXECUTE);
      }
    }
    Policy explicit = PolicyConfig.parse("autonomy: {default: autonomous, actions: {drain_node: autonomous}}", "test").policy();
    assertThat(explicit.decide(SimActions.of(ActionKind.DRAIN_NODE, ServiceId.of("search")), "prod", 1, 0, NOW).verdict())
        .isEqualTo(PolicyDecision.Verdict.EXECUTE);
  }

  @Test
  void decisions_explainThemselves_perEnvironmentLimitsAndFreezes() {
    Policy p = PolicyConfig.parse("""
        autonomy:
          default: autonomous
          environments:
            prod: {actions: {rollback: supervised}}
          limits: {max-actions-per-incident: 2, max-instances-at-once: 3}
          freeze:
            - {from: 2026-12-20T00:00:00Z, to: 2027-01-02T00:00:00Z, reason: year-end freeze}
        """, "test").policy();
    var rollback = SimActions.of(ActionKind.ROLLBACK, ServiceId.of("payment"));
    assertThat(p.decide(rollback, "prod", 1, 0, NOW).explanation()).isEqualTo("needs approval: rollback of payment needs approval in prod");
    assertThat(p.decide(rollback, "staging", 1, 0, NOW).verdict()).isEqualTo(PolicyDecision.Verdict.EXECUTE);
    assertThat(p.decide(rollback, "staging", 1, 2, NOW).explanation()).startsWith("blocked:").contains("2 actions");
    assertThat(p.decide(rollback, "staging", 4, 0, NOW).explanation()).contains("touches 4 instances");
    assertThat(p.decide(rollback, "staging", 1, 0, Instant.parse("2026-12-24T10:00:00Z")).explanation())
        .startsWith("recommend only: year-end freeze");
  }

  @Test
  void policyConfig_rejectsBadValues_withTheValueInTheMessage() {
    assertThatThrownBy(() -> PolicyConfig.parse("autonomy: {default: yolo}", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'yolo'").hasMessageContaining("autonomy.default in r.yaml");
    assertThatThrownBy(() -> PolicyConfig.parse("autonomy: {actions: {reboot: autonomous}}", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown action class 'reboot'");
    assertThatThrownBy(() -> PolicyConfig.parse("autonomy: {limits: {max-actions-per-incident: 0}}", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("max-actions-per-incident").hasMessageContaining("'0'");
    assertThatThrownBy(() -> PolicyConfig.parse("autonomy: {mode: fast}", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'mode'");
  }
}
