package dev.responder.sim;

import dev.responder.core.error.ConfigException;
import dev.responder.core.telemetry.Severity;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Activates scheduled faults and red herrings when simulated time reaches them. */
final class FaultInjector {
  private FaultInjector() {}

  static void check(Fault fault, CallGraph graph) {
    FaultKind kind = Faults.kind(fault.type().name());
    if (!graph.app.has(fault.target())) {
      throw new ConfigException("fault target '" + fault.target() + "' is not a service of " + graph.app.name()
          + "; known: " + graph.app.services().stream().map(s -> s.id().name()).toList());
    }
    if (!kind.fits().test(graph, graph.indexOf(fault.target()))) {
      throw new ConfigException(fault.type() + " does not fit service " + fault.target() + ": it needs "
          + kind.definition().targets() + "; candidates: " + Faults.candidates(fault.type(), graph.app));
    }
    if (fault.peer() != null && !graph.app.has(fault.peer())) {
      throw new ConfigException("fault peer '" + fault.peer() + "' is not a service of " + graph.app.name());
    }
  }

  static void activate(SimState st, CallGraph graph, Instant now, Lifecycle lifecycle) {
    for (Iterator<Fault> it = st.scheduled.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.start().isAfter(now)) {
        continue;
      }
      it.remove();
      Injection ctx = new Injection(st, graph, f, now, lifecycle, st.injected.size());
      st.injected.add(f);
      Faults.kind(f.type().name()).inject().accept(f, ctx);
      st.facts.add(Map.copyOf(ctx.facts));
    }
    for (Iterator<RedHerring> it = st.herrings.iterator(); it.hasNext(); ) {
      RedHerring h = it.next();
      if (h.start().isAfter(now)) {
        continue;
      }
      it.remove();
      herring(st, graph, h, now, lifecycle);
    }
  }

  private static void herring(SimState st, CallGraph graph, RedHerring h, Instant now, Lifecycle lifecycle) {
    int s = graph.indexOf(h.service());
    switch (h) {
      case RedHerring.BatchJob b -> st.impairments.add(new Impairment(-1, s, "",
          new Trigger.During(b.start().plus(b.duration())), List.of(new Effect.CpuCost(1.7)),
          List.of(Impairment.LogLine.perSecond(Severity.INFO, "Batch job " + b.job() + " processed {n} records", 0.5)),
          st.tick));
      case RedHerring.UnrelatedDeploy d -> {
        Fault pseudo = new Fault(dev.responder.core.incident.FaultType.UNKNOWN, h.service(), null, now, 0);
        new Injection(st, graph, pseudo, now, lifecycle, -1).deploy(d.version(), "ci-pipeline");
      }
      case RedHerring.LogBurst l -> st.impairments.add(new Impairment(-1, s, "",
          new Trigger.During(l.start().plus(l.duration())), List.of(),
          List.of(Impairment.LogLine.perSecond(Severity.WARN, l.message(), 3)), st.tick));
    }
  }
}
