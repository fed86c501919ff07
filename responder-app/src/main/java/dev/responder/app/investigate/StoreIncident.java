package dev.responder.app.investigate;

import dev.responder.app.aci.AciContext;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.EdgeQuery;
import dev.responder.core.query.EdgeStats;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import dev.responder.core.topology.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * An investigation over telemetry already in a store, with no live environment: the topology is learned from the
 * traces' call edges, and the baseline is the stretch of the same length before the window, or, when nothing was
 * recorded then (the window starts where the data starts), the window's first third.
 */
public final class StoreIncident {
  private StoreIncident() {}

  public static AciContext context(TelemetryStore store, Instant from, Instant to) {
    TimeWindow window = TimeWindow.of(from, to);
    TimeWindow baseline = TimeWindow.ending(from, window.length());
    if (store.services(baseline).isEmpty()) {
      // Nothing was recorded before the window (it starts where the data starts): without a baseline every
      // template and every level looks new. Compare against the window's first third instead.
      Instant split = from.plus(window.length().dividedBy(3));
      baseline = TimeWindow.of(from, split);
      window = TimeWindow.of(split, to);
    }
    return new AciContext(store, null, topology(store, TimeWindow.of(baseline.from(), to)), window, baseline, null);
  }

  /** Services that reported telemetry, and the caller-to-callee edges the spans show. */
  public static Topology topology(TelemetryStore store, TimeWindow w) {
    Set<ServiceId> services = new TreeSet<>();
    store.services(w).forEach(s -> services.add(ServiceId.of(s)));
    List<DependencyEdge> edges = new ArrayList<>();
    for (EdgeStats e : store.edges(new EdgeQuery(null, w, 1_000)).rows()) {
      if (!e.caller().equals(e.callee())) {
        services.add(ServiceId.of(e.caller()));
        services.add(ServiceId.of(e.callee()));
        edges.add(DependencyEdge.call(e.caller(), e.callee()));
      }
    }
    return new Topology(services, edges);
  }

  /** An incident for the context's window, keyed by the window so that re-running it finds the same one. */
  public static Incident incident(AciContext ctx) {
    String signature = "window:" + ctx.window().from() + "/" + ctx.window().to();
    return Incident.open(IncidentId.random(new SplittableRandom(signature.hashCode())), "investigation of "
        + ctx.window().from() + " .. " + ctx.window().to(), Severity.ERROR, ctx.window().to(), signature, Set.of());
  }
}
