package dev.responder.app.aci;

import dev.responder.core.port.Environment;
import dev.responder.core.port.KnowledgeBase;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.topology.Topology;
import java.util.Objects;
import java.util.Optional;

/**
 * What the ACI tools of one investigation work on: the telemetry, the environment (for diagnostics; absent when
 * investigating a store alone), the topology, the incident window and a normal baseline before it.
 *
 * @param environment null when there is no live environment; {@code run_diagnostic} then reports it as data
 * @param knowledgeBase null until a knowledge base exists; {@code similar_incidents} then answers empty
 */
public record AciContext(TelemetryStore store, Environment environment, Topology topology, TimeWindow window,
                         TimeWindow baseline, KnowledgeBase knowledgeBase) {
  public AciContext {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(baseline, "baseline");
    if (baseline.to().isAfter(window.from())) {
      throw new IllegalArgumentException("baseline must end by the window start but was " + baseline + " against " + window);
    }
  }

  /** A context with the baseline taken as the {@code window}'s length times two just before it. */
  public static AciContext of(TelemetryStore store, Environment environment, Topology topology, TimeWindow window) {
    TimeWindow baseline = TimeWindow.ending(window.from(), window.length().multipliedBy(2));
    return new AciContext(store, environment, topology, window, baseline, null);
  }

  public Optional<Environment> env() {
    return Optional.ofNullable(environment);
  }

  public Optional<KnowledgeBase> kb() {
    return Optional.ofNullable(knowledgeBase);
  }
}
