package dev.responder.sim;

import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.SimState.InstanceState;
import dev.responder.sim.SimState.ServiceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The operations a fault may perform on the state when it is activated, recording what it chose as facts. */
final class Injection {
  final SimState state;
  final CallGraph graph;
  final Fault fault;
  final Instant now;
  final Lifecycle lifecycle;
  final int faultIndex;
  final Map<String, String> facts = new TreeMap<>();

  Injection(SimState state, CallGraph graph, Fault fault, Instant now, Lifecycle lifecycle, int faultIndex) {
    this.state = state;
    this.graph = graph;
    this.fault = fault;
    this.now = now;
    this.lifecycle = lifecycle;
    this.faultIndex = faultIndex;
  }

  int target() {
    return graph.indexOf(fault.target());
  }

  ServiceState service() {
    return state.services[target()];
  }

  ServiceSpec spec() {
    return graph.spec(target());
  }

  String name() {
    return fault.target().name();
  }

  String peer() {
    return fault.peer() == null ? "" : fault.peer().name();
  }

  double intensity() {
    return fault.intensity();
  }

  /** A deterministic choice among n options, from the fault's own parameters. */
  int pick(int n) {
    long h = Seeds.mix(fault.start().getEpochSecond(), fault.target().name().hashCode(),
        Double.doubleToLongBits(fault.intensity()));
    return (int) Math.floorMod(h, (long) n);
  }

  InstanceState instance() {
    List<InstanceState> all = service().instances;
    return all.get(pick(all.size()));
  }

  void deploy(String version, String author) {
    ServiceState s = service();
    facts.put("previous_version", s.version);
    facts.put("version", version);
    state.pendingChanges.add(new ChangeEvent.Deploy(now, fault.target(), author, s.version, version));
    s.previousVersions.addLast(s.version);
    s.version = version;
    for (int i = 0; i < s.instances.size(); i++) {
      lifecycle.restart(state, target(), i, now, "rollout of " + version, author, false);
    }
  }

  /** Changes a config key; announced changes appear as change events, silent ones (an expiring cert) do not. */
  void config(String key, String value, String author) {
    String old = service().config.put(key, value);
    facts.put("key", key);
    facts.put("original_value", old == null ? "" : old);
    facts.put("value", value);
    if (author != null) {
      state.pendingChanges.add(new ChangeEvent.ConfigChange(now, fault.target(), author, key, old, value));
    }
  }

  void flag(String flag, boolean on, String author) {
    service().flags.put(flag, on);
    facts.put("flag", flag);
    state.pendingChanges.add(new ChangeEvent.FlagChange(now, fault.target(), author, flag, on));
  }

  void impair(String instance, Trigger trigger, List<Effect> effects, List<Impairment.LogLine> logs) {
    impair(target(), instance, trigger, effects, logs);
  }

  void impair(int service, String instance, Trigger trigger, List<Effect> effects, List<Impairment.LogLine> logs) {
    state.impairments.add(new Impairment(faultIndex, service, instance, trigger, effects, logs, state.tick));
  }

  List<ServiceId> callers() {
    return graph.app.topology().callers(fault.target());
  }
}
