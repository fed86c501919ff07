package dev.responder.app.investigate;

import dev.responder.app.aci.AciContext;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.port.TelemetrySink;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.Severity;
import dev.responder.sim.SimSettings;
import dev.responder.sim.problem.Problem;
import dev.responder.sim.problem.ProblemInstance;
import dev.responder.store.Stores;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A simulator problem played into an in-memory store, ready to investigate. The incident window is the 20 minutes
 * before the evaluation starts (as a page at that moment would say: "something is wrong in the last 20 minutes"),
 * and the baseline the 20 minutes before that. Only that stretch is written to the store; the earlier warm-up is
 * fast-forwarded without telemetry, which keeps a problem's setup near a second.
 */
public record SimulatedIncident(ProblemInstance instance, TelemetryStore store, AciContext context, Incident incident)
    implements AutoCloseable {
  /** The incident window's and the baseline's length. */
  public static final Duration WINDOW = ProblemInstance.WINDOW;

  /** Plays {@code problem} with {@code seed}; {@code logVolume} scales routine logs (1 = normal). */
  public static SimulatedIncident play(Problem problem, long seed, double logVolume) {
    return play(problem, seed, logVolume, Stores.telemetry(":memory:"));
  }

  /** As {@link #play(Problem, long, double)}, into {@code store}, which the result owns and closes. */
  public static SimulatedIncident play(Problem problem, long seed, double logVolume, TelemetryStore store) {
    ProblemInstance instance = ProblemInstance.start(problem, seed, SimSettings.defaults().withLogVolume(logVolume));
    TimeWindow window;
    try {
      window = run(instance, store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    TimeWindow baseline = TimeWindow.ending(window.from(), WINDOW);
    AciContext ctx = new AciContext(store, instance.simulation(), instance.simulation().topology(), window, baseline, null);
    Incident incident = Incident.open(IncidentId.random(new SplittableRandom(seed)), "problem " + problem.id(),
        Severity.ERROR, window.to(), "problem:" + problem.id(), Set.of());
    return new SimulatedIncident(instance, store, ctx, incident);
  }

  /**
   * Plays {@code problem} into {@code sink} (a store of one's own, e.g. a DuckDB file) the same way as
   * {@link #play}, and returns the incident window; the baseline is the {@link #WINDOW} before it.
   */
  public static TimeWindow playInto(Problem problem, long seed, double logVolume, TelemetrySink sink) {
    return run(ProblemInstance.start(problem, seed, SimSettings.defaults().withLogVolume(logVolume)), sink);
  }

  private static TimeWindow run(ProblemInstance instance, TelemetrySink sink) {
    TimeWindow window = TimeWindow.ending(instance.evaluationStart(), WINDOW);
    TimeWindow baseline = TimeWindow.ending(window.from(), WINDOW);
    Duration skip = Duration.between(instance.simulation().now(), baseline.from().minus(Duration.ofMinutes(1)));
    if (skip.toSeconds() >= 10) {
      instance.simulation().advance(Duration.ofSeconds(skip.toSeconds() / 10 * 10), null);
    }
    instance.run(sink);
    return window;
  }

  @Override
  public void close() {
    store.close();
  }
}
