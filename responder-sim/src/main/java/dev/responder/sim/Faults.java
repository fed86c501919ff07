package dev.responder.sim;

import dev.responder.core.action.Action;
import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of fault types the simulator can inject, by name (STYLE #8), with their documentation, valid
 * targets, and the actions that fix them or do not.
 */
public final class Faults {
  private static final Map<String, FaultKind> KINDS = new LinkedHashMap<>();

  static {
    for (List<FaultKind> group : List.of(ChangeFaults.kinds(), ResourceFaults.kinds(), NetworkFaults.kinds(),
        LoadFaults.kinds())) {
      for (FaultKind k : group) {
        KINDS.put(k.definition().type().name(), k);
      }
    }
  }

  private Faults() {}

  /** Every fault type, in registry order. */
  public static List<FaultDefinition> all() {
    return KINDS.values().stream().map(FaultKind::definition).toList();
  }

  public static List<String> names() {
    return List.copyOf(KINDS.keySet());
  }

  /** The definition of a fault type. @throws ConfigException listing the known names */
  public static FaultDefinition definition(String name) {
    return kind(name).definition();
  }

  static FaultKind kind(String name) {
    FaultKind k = KINDS.get(name == null ? "" : FaultType.of(name).name());
    if (k == null) {
      throw new ConfigException("unknown fault '" + name + "'; known: " + KINDS.keySet());
    }
    return k;
  }

  /** Services of the application this fault type can be injected into, in model order. */
  public static List<ServiceId> candidates(FaultType type, AppModel app) {
    FaultKind k = kind(type.name());
    CallGraph g = new CallGraph(app);
    List<ServiceId> out = new ArrayList<>();
    for (int s = 0; s < g.services(); s++) {
      if (k.fits().test(g, s)) {
        out.add(g.id(s));
      }
    }
    return out;
  }

  /**
   * A fault of the named type on the target, with the type's default peer.
   *
   * @throws ConfigException for an unknown type, an unknown target or a target it does not fit
   */
  public static Fault create(String name, AppModel app, ServiceId target, Instant start, double intensity) {
    FaultKind k = kind(name);
    CallGraph g = new CallGraph(app);
    Fault probe = new Fault(k.definition().type(), target, null, start, intensity);
    FaultInjector.check(probe, g);
    ServiceId peer = k.peer() == null ? null : k.peer().apply(g, g.indexOf(target));
    return new Fault(k.definition().type(), target, peer, start, intensity);
  }

  /** The actions that fix the fault in this simulation (after it has been injected). */
  public static List<Action> fixes(Fault fault, Simulation sim) {
    return kind(fault.type().name()).fixes().apply(context(fault, sim));
  }

  /** Plausible actions that do not fix the fault (some make things worse). */
  public static List<Action> wrongActions(Fault fault, Simulation sim) {
    return kind(fault.type().name()).wrong().apply(context(fault, sim));
  }

  private static FaultKind.FixContext context(Fault fault, Simulation sim) {
    if (!(sim instanceof SimulationImpl impl)) {
      throw new IllegalArgumentException("fixes need a simulation created by Simulation.create");
    }
    SimState st = impl.state();
    int i = st.injected.indexOf(fault);
    if (i < 0) {
      throw new IllegalStateException("fault " + fault.describe() + " has not been injected yet (now " + sim.now() + ")");
    }
    return new FaultKind.FixContext(fault, st.facts.get(i), st, impl.graph());
  }
}
