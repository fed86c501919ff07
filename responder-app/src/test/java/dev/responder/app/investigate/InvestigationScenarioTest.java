package dev.responder.app.investigate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.responder.agent.tool.ToolResult;
import dev.responder.app.aci.AciTools;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.problem.ProblemRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvestigationScenarioTest {

  @Test
  void heuristicInvestigation_findsTheMemoryLeak_withCompetingHypothesesAndTracedEvidence() {
    List<String> progress = new ArrayList<>();
    try (SimulatedIncident sim = SimulatedIncident.play(ProblemRegistry.standard().get("memory_leak-cart-rca"), 1, 0.05)) {
      Investigation inv = Coordinator.create(Reasoner.heuristic(), InstantSource.system(),
          (who, what) -> progress.add(who + " " + what)).investigate(sim.incident(), sim.context());
      assertThat(inv.diagnosis().rootCause()).isEqualTo(ServiceId.of("cart"));
      assertThat(inv.diagnosis().faultType()).isEqualTo(FaultType.MEMORY_LEAK);
      assertThat(inv.hypotheses()).hasSizeGreaterThanOrEqualTo(2);
      Hypothesis lead = inv.hypotheses().getFirst();
      assertThat(lead.evidence()).allSatisfy(e -> assertThat(e.query()).containsPattern("\\[[a-z]+#\\d+]"));
      assertThat(inv.incident().state()).isEqualTo(IncidentState.DIAGNOSED);
      assertThat(inv.incident().timeline()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("diagnosis"));
      assertThat(inv.cost().toolCalls()).isPositive();
      assertThat(progress).anySatisfy(p -> assertThat(p).startsWith("performance "));
    }
  }

  @Test
  void specialist_cannotCallAnotherSpecialistsTool() {
    try (SimulatedIncident sim = SimulatedIncident.play(ProblemRegistry.standard().get("disk_full-catalog-rca"), 1, 0.01)) {
      var change = AciTools.registry(sim.context()).scoped(Specialist.CHANGE.agent(), Specialist.CHANGE.tools());
      ToolResult r = change.call(AciTools.RUN_DIAGNOSTIC, JsonNodeFactory.instance.objectNode()
          .put("check", "disk_usage").put("service", "catalog"));
      assertThat(r).isInstanceOfSatisfying(ToolResult.Failed.class,
          f -> assertThat(f.messageForModel()).contains("not available to change"));
      assertThat(change.has(AciTools.RECENT_CHANGES)).isTrue();
    }
  }

  @Test
  void detector_opensOneIncidentForAFault_andNoneForAHealthySystem() {
    try (SimulatedIncident faulty = SimulatedIncident.play(ProblemRegistry.standard().get("bad_deploy-checkout-detection"), 1, 0.01);
         SimulatedIncident clean = SimulatedIncident.play(ProblemRegistry.standard().get("no_fault-shop-detection"), 1, 0.01)) {
      assertThat(Detector.detect(faulty.context())).hasValueSatisfying(i ->
          assertThat(i.signature()).startsWith("services:"));
      assertThat(Detector.detect(clean.context())).isEmpty();
    }
  }
}
