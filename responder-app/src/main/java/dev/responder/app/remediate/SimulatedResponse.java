package dev.responder.app.remediate;

import dev.responder.app.investigate.Coordinator;
import dev.responder.app.investigate.Detector;
import dev.responder.app.investigate.Investigation;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.sim.problem.Problem;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The whole loop on one simulator problem: play it, detect, investigate, remediate, and score the result against
 * the problem's oracle. Used by {@code responder respond} and the {@code respond} benchmark.
 */
public final class SimulatedResponse {
  private SimulatedResponse() {}

  /**
   * What happened.
   *
   * @param investigation null when nothing was detected
   * @param remediation null when nothing was detected
   */
  public record Result(Problem problem, long seed, Investigation investigation, Remediation remediation,
                       MitigationScore score) {
    public boolean detected() {
      return investigation != null;
    }
  }

  /** Runs the loop; {@code remediator} decides with its own policy, approver and ports. */
  public static Result run(Problem problem, long seed, double logVolume, Reasoner reasoner, Remediator remediator,
                           ProgressListener progress, InstantSource wallClock) {
    try (SimulatedIncident sim = SimulatedIncident.play(problem, seed, logVolume)) {
      Optional<Incident> detected = Detector.detect(sim.context());
      if (detected.isEmpty()) {
        progress.on("detector", "no incident detected in the window");
        return new Result(problem, seed, null, null, new MitigationScore(false, 0, null));
      }
      progress.on("detector", detected.get().title());
      Investigation inv = Coordinator.create(reasoner, wallClock, progress).investigate(detected.get(), sim.context());
      progress.on("coordinator", "diagnosis: " + inv.diagnosis().faultType() + " at " + inv.diagnosis().rootCause());
      ManagedEnvironment live = ManagedEnvironment.simulated(sim.instance().simulation(), null);
      Remediation r = remediator.remediate(inv.incident(), diagnoses(inv), List.of(), sim.context(), live);
      progress.on("remediator", r.outcome() + ": " + r.summary());
      return new Result(problem, seed, inv, r, MitigationScore.of(sim.instance(), r));
    }
  }

  /** The accepted diagnosis first, then the other live hypotheses by confidence: what to revisit. */
  public static List<Diagnosis> diagnoses(Investigation inv) {
    List<Diagnosis> out = new ArrayList<>(List.of(inv.diagnosis()));
    inv.hypotheses().stream().filter(h -> h.status() != Hypothesis.Status.REFUTED)
        .sorted(Comparator.comparingDouble(Hypothesis::confidence).reversed())
        .filter(h -> !(h.rootCause().equals(inv.diagnosis().rootCause()) && h.faultType().equals(inv.diagnosis().faultType())))
        .forEach(h -> out.add(new Diagnosis(h.rootCause(), h.faultType(), h.confidence(), h.statement(), h.evidence())));
    return out;
  }
}
