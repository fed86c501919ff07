package dev.responder.sim;

import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.List;

/**
 * When an impairment is active, as a condition on the simulated state. This is what makes actions fix faults
 * realistically: a rollback changes the version so a {@link WhileVersion} impairment ends, a restart ends an
 * {@link UntilRestart} one, while scaling ends neither.
 */
sealed interface Trigger {
  /** For good (a third-party outage, a traffic surge): only capacity or a workaround helps. */
  record Always() implements Trigger {}

  /** Until a time (red herrings). */
  record During(Instant until) implements Trigger {}

  /** While the target runs this version. */
  record WhileVersion(String version) implements Trigger {}

  /** While the target's config key has this value. */
  record WhileConfig(String key, String value) implements Trigger {}

  /** While the target's flag is on. */
  record WhileFlag(String flag) implements Trigger {}

  /** While {@code service}'s flag is off (a workaround flag such as a backup provider). */
  record UnlessFlag(ServiceId service, String flag) implements Trigger {}

  /** While instances of the target run on the node; applies to those instances only. */
  record WhileOnNode(String node) implements Trigger {}

  /** While the process runs inside the instance. */
  record WhileProcess(String instance, String process) implements Trigger {}

  /** Until every instance in scope has restarted after the impairment began. */
  record UntilRestart() implements Trigger {}

  /** Until the source addresses are blocked or the target is rate-limited. */
  record UntilBlocked(List<String> ips) implements Trigger {
    public UntilBlocked {
      ips = List.copyOf(ips);
    }
  }

  /** Until the target (a database) fails over to its replica. */
  record UntilFailover(int failoversAtStart) implements Trigger {}
}
