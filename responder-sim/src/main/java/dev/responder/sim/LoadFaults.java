package dev.responder.sim;

import static dev.responder.core.telemetry.Severity.ERROR;
import static dev.responder.core.telemetry.Severity.WARN;
import static dev.responder.sim.Kinds.act;
import static dev.responder.sim.Kinds.def;
import static dev.responder.sim.Kinds.one;
import static dev.responder.sim.Kinds.perError;
import static dev.responder.sim.Kinds.perSecond;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.List;

/** Faults of load and dependencies: surges, attacks, slow consumers, caches and third parties going away. */
final class LoadFaults {
  private LoadFaults() {}

  static List<FaultKind> kinds() {
    return List.of(surge(), credentialStuffing(), queueLag(), cacheOutage(), dependencyOutage());
  }

  private static FaultKind surge() {
    return new FaultKind(def(FaultType.TRAFFIC_SURGE, "Legitimate traffic to the endpoints that reach the target "
            + "multiplies (a flash sale).", "an application service",
        "rps up on every service of the affected endpoints, the target saturates first (cpu_util, latency, 503s); "
            + "no change event, no new error types", "scale out every saturated service", "rollback, restart"),
        Kinds::service, null,
        (f, c) -> {
          double factor = 4 + 2 * f.intensity();
          c.facts.put("factor", Double.toString(factor));
          c.impair("", new Trigger.Always(), List.of(new Effect.LoadSurge(factor)),
              List.of(perSecond(WARN, "HorizontalPodAutoscaler " + c.name() + ": desired replicas exceed maxReplicas "
                  + c.spec().resources().replicas() + " (cpu 180% of target)", 0.05)));
        },
        LoadFaults::scaleSaturated,
        x -> List.of(act(ActionKind.RESTART, x.fault().target())));
  }

  /**
   * One SCALE per service on the surged endpoints, by the surge factor: sized from demand rather than from observed
   * load, because saturated front services shed what their callees would otherwise see.
   */
  private static List<Action> scaleSaturated(FaultKind.FixContext x) {
    List<Action> out = new ArrayList<>();
    double factor = Double.parseDouble(x.fact("factor"));
    CallGraph g = x.graph();
    for (int s = 0; s < g.services(); s++) {
      if (g.spec(s).kind() != ServiceSpec.Kind.SERVICE) {
        continue;
      }
      boolean onPath = false;
      for (int e = 0; e < g.roots.length && !onPath; e++) {
        onPath = g.reaches(e, x.target()) && g.reaches(e, s);
      }
      if (onPath) {
        int n = x.state().services[s].instances.size();
        out.add(act(ActionKind.SCALE, g.id(s), "replicas", Integer.toString(Math.min(200, (int) Math.ceil(n * factor)))));
      }
    }
    return out;
  }

  private static FaultKind credentialStuffing() {
    return new FaultKind(def(FaultType.CREDENTIAL_STUFFING, "Bots replay leaked credentials against the login endpoint "
            + "from a few hundred addresses.", "an application service on a login endpoint",
        "login rps multiplies, 'Failed login ... from 185.220.101.x' warnings, the target's CPU saturates (bcrypt), "
            + "its latency climbs", "block the source addresses (or rate-limit per client)",
        "scale out (the attack continues and costs more)"),
        (g, s) -> Kinds.service(g, s) && loginEndpoint(g, s), null,
        (f, c) -> {
          String range = "185.220.101.0/24";
          c.facts.put("ips", range);
          double rps = c.graph.app.peakRps() * (0.4 + 0.4 * f.intensity());
          c.impair("", new Trigger.UntilBlocked(List.of(range)), List.of(new Effect.Attack(rps, "login"), new Effect.CpuCost(1.5)),
              List.of(perSecond(WARN, "Failed login for {user} from {ip}: invalid credentials", rps * 0.3),
                  perSecond(WARN, "Unusual login failure rate: 412 failures/min from 185.220.101.0/24", 0.05)));
        },
        x -> one(ActionKind.BLOCK_IPS, x.fault().target(), "ips", x.fact("ips")),
        x -> List.of(act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(2 * x.replicas(x.fault().target())))));
  }

  private static boolean loginEndpoint(CallGraph g, int s) {
    for (int e = 0; e < g.roots.length; e++) {
      if (g.app.endpoints().get(e).name().contains("login") && g.reaches(e, s)) {
        return g.service[g.roots[e]] != s && !g.app.topology().callees(g.id(s)).isEmpty();
      }
    }
    return false;
  }

  private static FaultKind queueLag() {
    return new FaultKind(def(FaultType.QUEUE_LAG, "The consumer's downstream (an SMTP relay) slows down; each message "
            + "takes several times longer and the backlog grows.", "a service that consumes a queue",
        "consumer_lag and the queue's queue_depth grow steadily, the consumer's cpu and threads busy, producers "
            + "unaffected", "scale out the consumer", "restart the queue or the consumer"),
        (g, s) -> {
          for (int c = 0; c < g.size; c++) {
            if (g.via[c] >= 0 && g.service[c] == s) {
              return Kinds.service(g, s);
            }
          }
          return false;
        }, null,
        (f, c) -> {
          double factor = 6 + 6 * f.intensity();
          c.facts.put("factor", Double.toString(factor));
          c.impair("", new Trigger.Always(), List.of(new Effect.SlowConsumer(factor)),
              List.of(perSecond(WARN, "SMTP relay slow: 421 4.7.0 Try again later, message {hex} deferred after {ms} ms", 0.5),
                  perSecond(WARN, "Consumer group " + c.name() + " is falling behind on its partitions: records-lag-max={n}", 0.1)));
        },
        x -> one(ActionKind.SCALE, x.fault().target(), "replicas",
            Integer.toString((int) Math.ceil(x.replicas(x.fault().target()) * Double.parseDouble(x.fact("factor")) * 2.5))),
        x -> {
          int s = x.target();
          for (int c = 0; c < x.graph().size; c++) {
            if (x.graph().via[c] >= 0 && x.graph().service[c] == s) {
              return List.of(act(ActionKind.RESTART, x.graph().id(x.graph().via[c])), act(ActionKind.RESTART, x.fault().target()));
            }
          }
          return List.of(act(ActionKind.RESTART, x.fault().target()));
        });
  }

  private static FaultKind cacheOutage() {
    return new FaultKind(def(FaultType.CACHE_OUTAGE, "The cache crashes and stays down; every lookup misses and the "
            + "load shifts to the database.", "a cache",
        "the cache's metrics stop, callers log JedisConnectionException, database rps/cpu/latency jump, callers' "
            + "latency and connection pools follow", "restart the cache (it warms up over a few minutes)",
        "fail over the database, flush the cache"),
        (g, s) -> g.spec(s).kind() == ServiceSpec.Kind.CACHE, null,
        (f, c) -> {
          List<Impairment.LogLine> logs = new ArrayList<>();
          for (ServiceId caller : c.callers()) {
            logs.add(perSecond(WARN, "redis.clients.jedis.exceptions.JedisConnectionException: Could not get a resource "
                + "from the pool (" + c.name() + ":6379: Connection refused); falling back to the database", 2).at(caller));
          }
          var inst = c.service().instances.get(0);
          c.state.pendingEvents.add(c.lifecycle.event(c.now, c.target(), inst, "BackOff",
              "Back-off restarting failed container " + c.name() + " in pod " + inst.name));
          c.impair("", new Trigger.UntilRestart(), List.of(new Effect.Down()), logs);
        },
        x -> one(ActionKind.RESTART, x.fault().target()),
        x -> {
          List<Action> out = new ArrayList<>();
          out.add(act(ActionKind.FLUSH_CACHE, x.fault().target()));
          for (int s = 0; s < x.graph().services(); s++) {
            if (x.graph().spec(s).kind() == ServiceSpec.Kind.DATABASE && x.graph().spec(s).resources().replicas() >= 2) {
              out.add(act(ActionKind.FAILOVER, x.graph().id(s)));
              break;
            }
          }
          return out;
        });
  }

  private static FaultKind dependencyOutage() {
    return new FaultKind(def(FaultType.DEPENDENCY_OUTAGE, "The third-party API answers 503 for everything.",
        "an external service", "errors at the external API's callers with 'HTTP 503 ... from https://api...' logs, "
            + "their callers' errors follow; no change on our side", "switch the caller's fallback flag on (backup provider)",
        "restart or roll back the caller"),
        (g, s) -> g.spec(s).kind() == ServiceSpec.Kind.EXTERNAL && !g.app.topology().callers(g.id(s)).isEmpty(), null,
        (f, c) -> {
          ServiceId caller = c.callers().get(0);
          String flag = "fallback." + c.name();
          c.facts.put("caller", caller.name());
          c.facts.put("flag", flag);
          c.impair("", new Trigger.UnlessFlag(caller, flag), List.of(new Effect.Down()),
              List.of(perError(ERROR, "Request to https://api." + c.name() + ".com/v1/charges failed: HTTP 503 Service "
                  + "Unavailable (retry-after: 120)", 0.6).at(caller)));
        },
        x -> one(ActionKind.TOGGLE_FLAG, ServiceId.of(x.fact("caller")), "flag", x.fact("flag"), "enabled", "true"),
        x -> List.of(act(ActionKind.RESTART, ServiceId.of(x.fact("caller")))));
  }
}
