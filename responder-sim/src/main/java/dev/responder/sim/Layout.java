package dev.responder.sim;

import dev.responder.sim.SimState.InstanceState;
import dev.responder.sim.SimState.ServiceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Nodes, instance names and the initial state: pods are spread round-robin over nodes, eight pods a node. */
final class Layout {
  private final CallGraph g;
  private final long seed;
  private final List<String> nodes;

  Layout(CallGraph graph, long seed) {
    this.g = graph;
    this.seed = seed;
    int pods = graph.app.services().stream().filter(ServiceSpec::operated).mapToInt(s -> s.resources().replicas()).sum();
    int count = Math.max(3, (pods + 7) / 8);
    nodes = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      nodes.add("node-" + i);
    }
  }

  List<String> nodes() {
    return nodes;
  }

  SimState initial() {
    SimState st = new SimState(g.services(), g.size);
    int slot = 0;
    for (int s = 0; s < g.services(); s++) {
      ServiceSpec spec = g.spec(s);
      ServiceState ss = new ServiceState();
      ss.version = spec.version();
      ss.config.putAll(defaultConfig(s));
      ss.config.putAll(spec.config());
      ss.flags.putAll(spec.flags());
      st.services[s] = ss;
      st.cacheWarmth[s] = 1;
      if (!spec.operated()) {
        continue;
      }
      for (int k = 0; k < spec.resources().replicas(); k++) {
        InstanceState is = newInstance(st, s);
        is.node = nodes.get(slot++ % nodes.size());
        ss.instances.add(is);
      }
    }
    return st;
  }

  InstanceState newInstance(SimState st, int s) {
    ServiceSpec spec = g.spec(s);
    ServiceState ss = st.services[s];
    int ordinal = ss.nextInstanceOrdinal++;
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, s, Seeds.LAYOUT, ordinal));
    String name = spec.kind() == ServiceSpec.Kind.SERVICE
        ? spec.id().name() + "-" + String.format("%04x", spec.id().name().hashCode() & 0xffff) + "-" + ordinal
        : spec.id().name() + "-" + ordinal;
    List<String> free = new ArrayList<>(nodes);
    free.removeAll(st.cordoned);
    InstanceState is = new InstanceState(name, free.isEmpty() ? nodes.get(0) : leastLoaded(st, free), 0.25 + 0.2 * r.nextDouble());
    is.processes.addAll(Lifecycle.baseProcesses(spec));
    return is;
  }

  String leastLoaded(SimState st, List<String> candidates) {
    Map<String, Integer> pods = new TreeMap<>();
    candidates.forEach(n -> pods.put(n, 0));
    for (ServiceState ss : st.services) {
      if (ss == null) {
        continue;
      }
      for (InstanceState is : ss.instances) {
        pods.computeIfPresent(is.node, (k, v) -> v + 1);
      }
    }
    String best = candidates.get(0);
    for (String n : candidates) {
      if (pods.get(n) < pods.get(best)) {
        best = n;
      }
    }
    return best;
  }

  private Map<String, String> defaultConfig(int s) {
    ServiceSpec spec = g.spec(s);
    Map<String, String> c = new TreeMap<>();
    List<Integer> callees = g.callees(s);
    for (int callee : callees) {
      ServiceSpec t = g.spec(callee);
      String host = t.id().name();
      c.put("upstream." + host + ".url", switch (t.kind()) {
        case SERVICE -> "http://" + host + ":8080";
        case DATABASE -> "jdbc:postgresql://" + host + ":5432/" + g.app.name();
        case CACHE -> "redis://" + host + ":6379";
        case QUEUE -> "kafka://" + host + ":9092";
        case EXTERNAL -> "https://api." + host + ".com/v1";
      });
    }
    if (!callees.isEmpty()) {
      c.put("client.timeout_ms", "2000");
      c.put("client.max_retries", "1");
    }
    if (spec.resources().connections() > 0) {
      c.put("db.pool.max_size", Integer.toString(spec.resources().connections()));
    }
    if (spec.kind() == ServiceSpec.Kind.SERVICE) {
      c.put("tls.certificate", "CN=" + spec.id().name() + ".svc.cluster.local; notAfter=2027-09-30T00:00:00Z");
      c.put("log.level", "INFO");
    }
    return c;
  }
}
