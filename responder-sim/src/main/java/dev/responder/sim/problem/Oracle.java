package dev.responder.sim.problem;

import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;

/**
 * The expected answers for a problem instance: whether there is a fault, where, of what type, since when; and the
 * mitigation check's window (SLOs within bounds that long, with no residual fault, in the simulated state).
 *
 * @param service the root-cause service, or null without a fault
 * @param type the fault type, or null without a fault
 * @param start when the fault began, or null without a fault
 */
public record Oracle(Task task, boolean faultPresent, ServiceId service, FaultType type, Instant start,
                     Duration mitigationWindow) {

  public boolean detectionCorrect(boolean detected) {
    return detected == faultPresent;
  }

  public boolean localizationCorrect(ServiceId answer) {
    return faultPresent && service.equals(answer);
  }

  public boolean rcaCorrect(ServiceId answerService, FaultType answerType) {
    return localizationCorrect(answerService) && type.equals(answerType);
  }
}
