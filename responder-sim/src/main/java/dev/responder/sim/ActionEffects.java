package dev.responder.sim;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionResult;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.sim.SimState.InstanceState;
import dev.responder.sim.SimState.ServiceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies remediation actions to the simulated state. Actions change state only; whether a fault ends follows from
 * its trigger (a rollback changes the version, a restart refreshes instances, a drain moves pods). Bad requests
 * come back as failed results with a message the caller can act on, never as exceptions.
 */
final class ActionEffects {
  static final String AUTHOR = "responder";
  private final CallGraph g;
  private final Lifecycle lifecycle;
  private final Layout layout;

  ActionEffects(CallGraph graph, Lifecycle lifecycle, Layout layout) {
    this.g = graph;
    this.lifecycle = lifecycle;
    this.layout = layout;
  }

  ActionResult apply(SimState st, Action a, Instant now) {
    if (!g.app.has(a.target())) {
      return fail(a, now, "unknown service '" + a.target() + "'; known: "
          + g.app.services().stream().map(s -> s.id().name()).toList());
    }
    int s = g.indexOf(a.target());
    ServiceSpec spec = g.spec(s);
    if (!spec.operated()) {
      return fail(a, now, a.target() + " is a third-party service; it cannot be changed from here");
    }
    ServiceState ss = st.services[s];
    Map<String, String> p = a.params();
    try {
      String message = switch (a.kind()) {
        case SCALE -> scale(st, s, p, now);
        case RESTART -> restart(st, s, p, now);
        case ROLLBACK -> rollback(st, s, p, now);
        case SET_CONFIG -> {
          String key = require(p, "key");
          String value = require(p, "value");
          String old = ss.config.put(key, value);
          st.pendingChanges.add(new ChangeEvent.ConfigChange(now, a.target(), AUTHOR, key, old, value));
          yield "set " + key + " = " + value + " on " + a.target() + (old == null ? "" : " (was " + old + ")");
        }
        case TOGGLE_FLAG -> {
          String flag = require(p, "flag");
          boolean on = p.containsKey("enabled") ? Boolean.parseBoolean(p.get("enabled")) : !ss.flag(flag);
          ss.flags.put(flag, on);
          st.pendingChanges.add(new ChangeEvent.FlagChange(now, a.target(), AUTHOR, flag, on));
          yield "flag " + flag + " on " + a.target() + " is now " + (on ? "on" : "off");
        }
        case FAILOVER -> failover(st, s, now);
        case FLUSH_CACHE -> {
          require(spec.kind() == ServiceSpec.Kind.CACHE, a.target() + " is not a cache");
          require(st.last == null || instancesUp(st, s),
              "cannot flush " + a.target() + ": connection refused (the cache is not running)");
          st.cacheWarmth[s] = 0;
          yield "flushed " + a.target() + ": every key evicted, the cache starts cold";
        }
        case RATE_LIMIT -> {
          double rps = p.containsKey("rps") ? positive(p.get("rps"), "rps") : 0;
          ss.rateLimited = true;
          ss.rateLimitRps = rps;
          yield "rate limit on " + a.target() + (rps > 0 ? ": at most " + rps + " requests/s" : ": 10 requests/s per client");
        }
        case BLOCK_IPS -> {
          List<String> ips = Arrays.stream(require(p, "ips").split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
          ss.blockedIps.addAll(ips);
          yield "blocked " + ips + " at the edge of " + a.target();
        }
        case KILL_PROCESS -> killProcess(st, s, p, now);
        case DRAIN_NODE -> drain(st, s, p, now);
      };
      return new ActionResult(a, now, true, message);
    } catch (IllegalArgumentException e) {
      return fail(a, now, e.getMessage());
    }
  }

  private boolean instancesUp(SimState st, int s) {
    return st.last.instances[s].length > 0 && Arrays.stream(st.last.instances[s]).anyMatch(f -> f.up);
  }

  private String scale(SimState st, int s, Map<String, String> p, Instant now) {
    ServiceSpec spec = g.spec(s);
    require(spec.kind() != ServiceSpec.Kind.DATABASE, spec.id() + " is a database; scale it by failing over or resizing");
    int to = (int) positive(require(p, "replicas"), "replicas");
    require(to >= 1 && to <= 200, "replicas must be in [1, 200] but was " + to);
    ServiceState ss = st.services[s];
    int from = ss.instances.size();
    while (ss.instances.size() < to) {
      InstanceState is = layout.newInstance(st, s);
      is.lastRestartTick = st.tick;
      ss.instances.add(is);
    }
    while (ss.instances.size() > to) {
      ss.instances.remove(ss.instances.size() - 1);
    }
    st.pendingChanges.add(new ChangeEvent.Scale(now, spec.id(), AUTHOR, from, to));
    return "scaled " + spec.id() + " from " + from + " to " + to + " replicas";
  }

  private String restart(SimState st, int s, Map<String, String> p, Instant now) {
    ServiceState ss = st.services[s];
    String only = p.getOrDefault("instance", "");
    int n = 0;
    for (int i = 0; i < ss.instances.size(); i++) {
      if (only.isEmpty() || ss.instances.get(i).name.equals(only)) {
        lifecycle.restart(st, s, i, now, "manual restart", AUTHOR, false);
        n++;
      }
    }
    require(n > 0, "no instance '" + only + "' in " + g.id(s) + "; instances: " + names(ss));
    return "restarted " + n + " instance(s) of " + g.id(s) + (only.isEmpty() ? " (rolling)" : " (" + only + ")");
  }

  private String rollback(SimState st, int s, Map<String, String> p, Instant now) {
    ServiceState ss = st.services[s];
    require(!ss.previousVersions.isEmpty(), g.id(s) + " runs " + ss.version + " and has no earlier version to roll back to");
    String to = p.getOrDefault("version", ss.previousVersions.peekLast());
    require(ss.previousVersions.contains(to), "version " + to + " was never deployed on " + g.id(s)
        + "; earlier versions: " + ss.previousVersions);
    String from = ss.version;
    while (!ss.previousVersions.isEmpty() && !ss.previousVersions.peekLast().equals(to)) {
      ss.previousVersions.pollLast();
    }
    ss.previousVersions.pollLast();
    ss.version = to;
    st.pendingChanges.add(new ChangeEvent.Deploy(now, g.id(s), AUTHOR, from, to));
    for (int i = 0; i < ss.instances.size(); i++) {
      lifecycle.restart(st, s, i, now, "rollout of " + to, AUTHOR, false);
    }
    return "rolled back " + g.id(s) + " from " + from + " to " + to;
  }

  private String failover(SimState st, int s, Instant now) {
    ServiceState ss = st.services[s];
    require(g.spec(s).kind() == ServiceSpec.Kind.DATABASE, g.id(s) + " is not a database");
    require(ss.instances.size() >= 2, g.id(s) + " has no replica to fail over to");
    String old = ss.instances.get(ss.primary).name;
    ss.primary = (ss.primary + 1) % ss.instances.size();
    ss.failovers++;
    // Open connections are cut during the switch: the new primary rejects a share of the first tick's queries.
    ss.instances.get(ss.primary).poolRejection = 0.5;
    String now1 = ss.instances.get(ss.primary).name;
    st.pendingChanges.add(new ChangeEvent.ConfigChange(now, g.id(s), AUTHOR, "primary", old, now1));
    return "failed over " + g.id(s) + " from " + old + " to " + now1;
  }

  private String killProcess(SimState st, int s, Map<String, String> p, Instant now) {
    String process = require(p, "process");
    String only = p.getOrDefault("instance", "");
    ServiceState ss = st.services[s];
    int killed = 0;
    for (int i = 0; i < ss.instances.size(); i++) {
      InstanceState is = ss.instances.get(i);
      if ((only.isEmpty() || is.name.equals(only)) && is.processes.contains(process)) {
        if (Lifecycle.baseProcesses(g.spec(s)).contains(process)) {
          // Killing the main process crashes the container: the kubelet restarts it with back-off.
          lifecycle.restart(st, s, i, now, "Error", "kubelet", true);
        } else {
          is.processes.remove(process);
        }
        killed++;
      }
    }
    require(killed > 0, "no process '" + process + "' found on " + (only.isEmpty() ? g.id(s).name() : only));
    return "killed " + process + " on " + killed + " instance(s) of " + g.id(s);
  }

  private String drain(SimState st, int s, Map<String, String> p, Instant now) {
    ServiceState ss = st.services[s];
    String node = p.getOrDefault("node", ss.instances.isEmpty() ? "" : ss.instances.get(0).node);
    require(layout.nodes().contains(node), "unknown node '" + node + "'; nodes: " + layout.nodes());
    List<String> free = new ArrayList<>(layout.nodes());
    free.removeAll(st.cordoned);
    free.remove(node);
    require(!free.isEmpty(), "cannot drain " + node + ": no other schedulable node");
    st.cordoned.add(node);
    int moved = 0;
    for (int t = 0; t < st.services.length; t++) {
      List<InstanceState> list = st.services[t].instances;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).node.equals(node)) {
          list.get(i).node = layout.leastLoaded(st, free);
          lifecycle.restart(st, t, i, now, "evicted: node " + node + " drained", AUTHOR, false);
          moved++;
        }
      }
    }
    return "cordoned and drained " + node + ": " + moved + " pod(s) rescheduled";
  }

  private static String names(ServiceState ss) {
    return ss.instances.stream().map(i -> i.name).toList().toString();
  }

  private static String require(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing parameter '" + key + "'; given: " + new TreeMap<>(p).keySet());
    }
    return v;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static double positive(String text, String what) {
    try {
      double v = Double.parseDouble(text.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(what + " must be a positive number but was '" + text + "'");
  }

  private static ActionResult fail(Action a, Instant now, String message) {
    return new ActionResult(a, now, false, message);
  }
}
