package dev.responder.app.remediate;

import dev.responder.core.action.ActionResult;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a plan did in a fork of the environment.
 *
 * @param newAlerts services that broke their SLO after the recovery grace period and did not before the plan
 * @param recoveredAfter how long after the plan every SLO held again, or null if they never did
 * @param healthyFor how long every SLO had held at the end of the run
 */
public record SandboxResult(Plan plan, boolean passed, List<ActionResult> results, Set<ServiceId> breachingBefore,
                            Set<ServiceId> breachingAfter, Set<ServiceId> newAlerts, Duration recoveredAfter,
                            Duration healthyFor, String verdict) {
  public SandboxResult {
    Objects.requireNonNull(plan, "plan");
    results = List.copyOf(results);
    breachingBefore = Set.copyOf(breachingBefore);
    breachingAfter = Set.copyOf(breachingAfter);
    newAlerts = Set.copyOf(newAlerts);
    Objects.requireNonNull(healthyFor, "healthyFor");
    Objects.requireNonNull(verdict, "verdict");
  }
}
