package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionResult;
import dev.responder.core.error.ConfigException;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tries a plan in a fork of the environment before anything runs for real: applies it, fast-forwards minute by
 * minute and checks that the SLOs recover and hold without new alerts. The live environment is never touched.
 *
 * @param fastForward how long to run the fork after the plan (e.g. 15 minutes)
 * @param hold how long every SLO must have held at the end
 * @param grace how long after the plan breaches do not count as new alerts (rollouts, cache warm-up)
 */
public record Sandbox(Duration fastForward, Duration hold, Duration grace) {
  private static final Duration STEP = Duration.ofMinutes(1);

  public Sandbox {
    if (fastForward.compareTo(hold) < 0) {
      throw new ConfigException("sandbox fast-forward must be >= the hold of " + hold + " but was " + fastForward);
    }
    if (grace.isNegative() || grace.compareTo(fastForward) >= 0) {
      throw new ConfigException("sandbox grace must be in [0, " + fastForward + ") but was " + grace);
    }
  }

  /** 15 minutes ahead, SLOs held 5 minutes at the end, 5 minutes of grace. */
  public static Sandbox defaults() {
    return new Sandbox(Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofMinutes(5));
  }

  /** Runs {@code plan} in a fork of {@code live}. */
  public SandboxResult validate(ManagedEnvironment live, Plan plan) {
    ManagedEnvironment fork = live.fork();
    Set<ServiceId> before = fork.breaching();
    List<ActionResult> results = new ArrayList<>();
    for (Action a : plan.actions()) {
      ActionResult r = fork.environment().execute(a);
      results.add(r);
      if (!r.succeeded()) {
        return new SandboxResult(plan, false, results, before, fork.breaching(), Set.of(), null, Duration.ZERO,
            "failed in the sandbox: " + a.describe() + ": " + r.message());
      }
    }
    Set<ServiceId> fresh = new TreeSet<>();
    Duration recovered = null;
    for (Duration t = STEP; t.compareTo(fastForward) <= 0; t = t.plus(STEP)) {
      fork.await(STEP);
      Set<ServiceId> now = fork.breaching();
      if (recovered == null && now.isEmpty()) {
        recovered = t;
      }
      if (t.compareTo(grace) > 0) {
        now.stream().filter(s -> !before.contains(s)).forEach(fresh::add);
      }
    }
    Duration held = fork.healthyFor();
    boolean passed = fresh.isEmpty() && held.compareTo(hold) >= 0;
    String verdict = passed
        ? "passed: SLOs recovered " + minutes(recovered) + " after the plan and held " + minutes(held)
        : !fresh.isEmpty() ? "failed: new alerts on " + fresh
        : "failed: SLOs held only " + minutes(held) + " of the " + minutes(hold) + " required; still breaching " + fork.breaching();
    return new SandboxResult(plan, passed, results, before, fork.breaching(), fresh, recovered, held, verdict);
  }

  private static String minutes(Duration d) {
    return d == null ? "never" : d.toMinutes() + " min";
  }
}
