package dev.responder.sim;

import dev.responder.sim.SimState.InstanceState;
import dev.responder.sim.SimState.ServiceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The effects of all active impairments folded into per-service and per-instance modifiers for one tick.
 * Service-level effects scoped to some instances are scaled by the share of instances they hit.
 */
final class Mods {
  final double[] loadFactor;
  final double[] attackRps;
  final String[] attackPart;
  final double[] queryFactor;
  final boolean[] down;
  final double[] cacheHits;
  final double[] inbound;
  final double[] slowConsumer;
  /** Per caller: edge faults as {peer or -1, latency ms, error rate, blocking 0/1}. */
  final List<List<double[]>> edges;
  /** Per caller: retry amplification as {peer, factor}. */
  final List<List<double[]>> retryAmp;
  final double[][] cpuCost;
  final double[][] capacity;
  final double[][] burn;
  final double[][] errors;
  final double[][] latency;
  final double[][] leak;
  final double[][] diskFill;
  final double[][] blocked;
  final double[][] connLeak;
  /** Impairments active this tick, for the log emitter and residual-fault checks. */
  final List<Impairment> active = new ArrayList<>();

  Mods(SimState state) {
    int n = state.services.length;
    loadFactor = fill(n, 1);
    attackRps = new double[n];
    attackPart = new String[n];
    queryFactor = fill(n, 1);
    down = new boolean[n];
    cacheHits = fill(n, 1);
    inbound = new double[n];
    slowConsumer = fill(n, 1);
    edges = new ArrayList<>();
    retryAmp = new ArrayList<>();
    cpuCost = perInstance(state, 1);
    capacity = perInstance(state, 1);
    burn = perInstance(state, 0);
    errors = perInstance(state, 0);
    latency = perInstance(state, 0);
    leak = perInstance(state, 0);
    diskFill = perInstance(state, 0);
    blocked = perInstance(state, 0);
    connLeak = perInstance(state, 0);
    for (int i = 0; i < n; i++) {
      edges.add(new ArrayList<>());
      retryAmp.add(new ArrayList<>());
    }
  }

  static Mods of(SimState state, CallGraph graph, Instant now) {
    Mods m = new Mods(state);
    for (Impairment imp : state.impairments) {
      if (!active(imp, state, graph, now)) {
        continue;
      }
      m.active.add(imp);
      boolean[] scope = scope(imp, state);
      int hit = 0;
      for (boolean b : scope) {
        hit += b ? 1 : 0;
      }
      double share = scope.length == 0 ? 0 : (double) hit / scope.length;
      for (Effect e : imp.effects()) {
        m.apply(imp.service(), scope, share, e, graph);
      }
    }
    return m;
  }

  /** Whether the impairment's trigger holds in this state. */
  static boolean active(Impairment imp, SimState state, CallGraph graph, Instant now) {
    ServiceState s = state.services[imp.service()];
    return switch (imp.trigger()) {
      case Trigger.Always a -> true;
      case Trigger.During d -> now.isBefore(d.until());
      case Trigger.WhileVersion v -> v.version().equals(s.version);
      case Trigger.WhileConfig c -> c.value().equals(s.config.get(c.key()));
      case Trigger.WhileFlag f -> s.flag(f.flag());
      case Trigger.UnlessFlag u -> !state.services[graph.indexOf(u.service())].flag(u.flag());
      case Trigger.WhileOnNode n -> s.instances.stream().anyMatch(i -> i.node.equals(n.node()));
      case Trigger.WhileProcess p -> s.instances.stream()
          .anyMatch(i -> i.name.equals(p.instance()) && i.processes.contains(p.process()));
      case Trigger.UntilRestart r -> {
        boolean[] scope = scope(imp, state);
        boolean any = false;
        for (int i = 0; i < scope.length; i++) {
          any |= scope[i] && s.instances.get(i).lastRestartTick < imp.sinceTick();
        }
        yield any;
      }
      case Trigger.UntilBlocked b -> !(s.blockedIps.containsAll(b.ips()) || s.rateLimited);
      case Trigger.UntilFailover f -> s.failovers == f.failoversAtStart();
    };
  }

  /** Which of the service's instances the impairment applies to. */
  static boolean[] scope(Impairment imp, SimState state) {
    List<InstanceState> instances = state.services[imp.service()].instances;
    boolean[] in = new boolean[instances.size()];
    for (int i = 0; i < in.length; i++) {
      InstanceState inst = instances.get(i);
      if (!imp.instance().isEmpty()) {
        in[i] = inst.name.equals(imp.instance());
      } else if (imp.trigger() instanceof Trigger.WhileOnNode n) {
        in[i] = inst.node.equals(n.node());
      } else {
        in[i] = true;
      }
    }
    return in;
  }

  private void apply(int svc, boolean[] scope, double share, Effect e, CallGraph graph) {
    switch (e) {
      case Effect.CpuCost c -> perInstance(cpuCost[svc], scope, v -> v * c.factor());
      case Effect.Capacity c -> perInstance(capacity[svc], scope, v -> v * c.factor());
      case Effect.Burn b -> perInstance(burn[svc], scope, v -> v + b.cores());
      case Effect.Errors r -> perInstance(errors[svc], scope, v -> 1 - (1 - v) * (1 - r.rate()));
      case Effect.Latency l -> perInstance(latency[svc], scope, v -> v + l.ms());
      case Effect.MemoryLeak l -> perInstance(leak[svc], scope, v -> v + l.bytesPerSecond());
      case Effect.DiskFill d -> perInstance(diskFill[svc], scope, v -> v + d.ratioPerSecond());
      case Effect.ThreadsBlocked t -> perInstance(blocked[svc], scope, v -> Math.max(v, t.fraction()));
      case Effect.ConnectionLeak c -> perInstance(connLeak[svc], scope, v -> v + c.perSecond());
      case Effect.LoadSurge l -> loadFactor[svc] *= l.factor();
      case Effect.Attack a -> {
        attackRps[svc] += a.rps();
        attackPart[svc] = a.endpointPart();
      }
      case Effect.SlowQueries q -> queryFactor[svc] *= q.factor();
      case Effect.Down d -> down[svc] = true;
      case Effect.CacheHits c -> cacheHits[svc] *= c.factor();
      case Effect.EdgeFault f -> edges.get(svc).add(new double[] {
          f.peer() == null ? -1 : graph.indexOf(f.peer()), f.latencyMs() * share, f.errorRate() * share,
          f.blocking() ? 1 : 0});
      case Effect.InboundFailure f -> inbound[svc] = 1 - (1 - inbound[svc]) * (1 - f.rate() * share);
      case Effect.RetryAmplification r -> retryAmp.get(svc).add(new double[] {graph.indexOf(r.peer()),
          1 + (r.factor() - 1) * share});
      case Effect.SlowConsumer c -> slowConsumer[svc] *= c.factor();
    }
  }

  /** Edge modifiers for calls from caller to callee: {latency ms, error rate, blocking error rate}. */
  double[] edge(int caller, int callee) {
    double lat = 0;
    double ok = 1;
    double blockOk = 1;
    for (double[] f : edges.get(caller)) {
      if (f[0] < 0 || (int) f[0] == callee) {
        lat += f[1];
        ok *= 1 - f[2];
        if (f[3] > 0) {
          blockOk *= 1 - f[2];
        }
      }
    }
    return new double[] {lat, 1 - ok, 1 - blockOk};
  }

  double retryFactor(int caller, int callee) {
    double f = 1;
    for (double[] r : retryAmp.get(caller)) {
      if ((int) r[0] == callee) {
        f *= r[1];
      }
    }
    return f;
  }

  private static void perInstance(double[] values, boolean[] scope, java.util.function.DoubleUnaryOperator op) {
    for (int i = 0; i < values.length && i < scope.length; i++) {
      if (scope[i]) {
        values[i] = op.applyAsDouble(values[i]);
      }
    }
  }

  private static double[] fill(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static double[][] perInstance(SimState state, double v) {
    double[][] a = new double[state.services.length][];
    for (int i = 0; i < a.length; i++) {
      a[i] = fill(state.services[i].instances.size(), v);
    }
    return a;
  }
}
