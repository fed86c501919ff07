package dev.responder.core.port;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionResult;
import dev.responder.core.topology.Topology;
import java.time.InstantSource;

/**
 * The Agent-Cloud Interface's backend: the system under investigation. Agents never touch it directly;
 * the orchestrator calls it on their behalf. Implementations: the simulator; later live adapters.
 */
public interface Environment {
  Topology topology();

  /** The environment's own clock: simulated time for the simulator. */
  InstantSource clock();

  ActionResult execute(Action action);

  DiagnosticCheck.Result diagnose(DiagnosticCheck check);

  /** An independent copy of the whole state, for trying a fix in isolation. */
  Environment fork();
}
