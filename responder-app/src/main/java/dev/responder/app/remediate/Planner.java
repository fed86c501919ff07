package dev.responder.app.remediate;

import dev.responder.app.aci.AciContext;
import dev.responder.core.incident.Diagnosis;
import java.util.List;

/**
 * Turns a diagnosis into remediation plans, preferred first; the rest are alternatives for the sandbox to compare
 * and for people to choose after a rejection. Plans are built from the diagnosis and from what the telemetry and
 * diagnostics show (the change to undo, the node to drain, the addresses to block); never from ground truth.
 */
public interface Planner {

  /** Plans for the diagnosis, preferred first; empty when no action is known to help. */
  List<Plan> plans(Diagnosis diagnosis, AciContext context);

  /** The built-in planner: one remediation playbook per fault type, parameters read from the telemetry. */
  static Planner playbook() {
    return new PlaybookPlanner();
  }
}
