package dev.responder.sim;

import static dev.responder.core.telemetry.Severity.ERROR;
import static dev.responder.core.telemetry.Severity.WARN;
import static dev.responder.sim.Kinds.act;
import static dev.responder.sim.Kinds.def;
import static dev.responder.sim.Kinds.one;
import static dev.responder.sim.Kinds.perError;
import static dev.responder.sim.Kinds.perSecond;

import dev.responder.core.action.ActionKind;
import dev.responder.core.incident.FaultType;
import dev.responder.sim.SimState.InstanceState;
import java.util.List;

/** Faults of compute resources: CPU, pools, disks, threads, shared nodes, foreign processes. */
final class ResourceFaults {
  private ResourceFaults() {}

  static List<FaultKind> kinds() {
    return List.of(cpuSaturation(), connectionPool(), diskFull(), deadlock(), noisyNeighbour(), cryptoMiner());
  }

  private static FaultKind cpuSaturation() {
    return new FaultKind(def(FaultType.CPU_SATURATION, "A hot code path (catastrophic regex backtracking on some inputs) "
            + "multiplies the CPU each request costs; the service runs out of CPU.", "an application service",
        "cpu_util near 1 on every instance of the target, latency and threadpool_util up, 503 overload errors; no "
            + "change event", "scale out until utilisation is back under ~60 %", "restart, rollback"),
        Kinds::service, null,
        (f, c) -> {
          double factor = 3 + 2 * f.intensity();
          c.facts.put("factor", Double.toString(factor));
          c.impair("", new Trigger.Always(), List.of(new Effect.CpuCost(factor)),
              List.of(perSecond(WARN, "Slow regex evaluation in com.shop.text.QueryNormalizer on input of length {n}: {ms} ms", 0.3)));
        },
        x -> one(ActionKind.SCALE, x.fault().target(), "replicas",
            Integer.toString((int) Math.ceil(x.replicas(x.fault().target()) * Double.parseDouble(x.fact("factor")) * 1.5))),
        x -> List.of(act(ActionKind.RESTART, x.fault().target())));
  }

  private static FaultKind connectionPool() {
    return new FaultKind(def(FaultType.CONNECTION_POOL_EXHAUSTION, "A code path leaks database connections; the pool "
            + "runs dry and requests wait 30 s for a connection.", "an application service that uses a database",
        "connpool_util climbs to 1 on the target, HikariPool 'Connection is not available' errors and leak-detection "
            + "warnings; the database itself looks idle", "restart the service (returns the leaked connections)",
        "fail over the database, scale out (old instances keep their dry pools)"),
        Kinds::withDatabase, null,
        (f, c) -> {
          double pool = c.spec().resources().connections();
          c.impair("", new Trigger.UntilRestart(), List.of(new Effect.ConnectionLeak(pool / (180 - 90 * f.intensity()))),
              List.of(perError(ERROR, "HikariPool-1 - Connection is not available, request timed out after 30000ms.", 0.6),
                  perSecond(WARN, "HikariPool-1 - Connection leak detection triggered for org.postgresql.jdbc.PgConnection@{hex} "
                      + "on thread http-nio-8080-exec-{n}, stack trace follows", 0.2)));
        },
        x -> one(ActionKind.RESTART, x.fault().target()),
        x -> {
          int db = x.graph().databaseCalls[x.target()][0];
          return List.of(act(ActionKind.FAILOVER, x.graph().id(x.graph().service[db])),
              act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(x.replicas(x.fault().target()) + 1)));
        });
  }

  private static FaultKind diskFull() {
    return new FaultKind(def(FaultType.DISK_FULL, "Runaway debug logging fills one instance's disk (the database "
            + "primary's WAL volume for a database); writes fail.", "an application service or a database",
        "disk_used_ratio of one instance climbs to 1, 'No space left on device' errors from that instance only",
        "restart the instance (ephemeral storage is wiped); for a database fail over to the replica",
        "scale out (the full instance keeps its share of traffic)"),
        (g, s) -> Kinds.service(g, s) || g.spec(s).kind() == ServiceSpec.Kind.DATABASE && g.spec(s).resources().replicas() >= 2,
        null,
        (f, c) -> {
          boolean db = c.spec().kind() == ServiceSpec.Kind.DATABASE;
          InstanceState inst = db ? c.service().instances.get(c.service().primary) : c.instance();
          c.facts.put("instance", inst.name);
          double rate = (1 - inst.diskUsed) / (150 - 90 * f.intensity());
          Trigger until = db ? new Trigger.UntilFailover(c.service().failovers) : new Trigger.UntilRestart();
          String line = db ? "PANIC:  could not write to file \"pg_wal/xlogtemp.{n}\": No space left on device"
              : "java.io.IOException: No space left on device at java.base/java.io.FileOutputStream.writeBytes(Native Method)";
          c.impair(inst.name, until, List.of(new Effect.DiskFill(rate)), List.of(perError(ERROR, line, 0.6)));
        },
        x -> x.graph().spec(x.target()).kind() == ServiceSpec.Kind.DATABASE
            ? one(ActionKind.FAILOVER, x.fault().target())
            : one(ActionKind.RESTART, x.fault().target(), "instance", x.fact("instance")),
        x -> x.graph().spec(x.target()).kind() == ServiceSpec.Kind.DATABASE
            ? List.of(act(ActionKind.RESTART, x.fault().target()))
            : List.of(act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(x.replicas(x.fault().target()) + 1))));
  }

  private static FaultKind deadlock() {
    return new FaultKind(def(FaultType.DEADLOCK, "Two request threads take the same pair of locks in opposite order; "
            + "every request thread ends up blocked.", "an application service",
        "threadpool_util at 1 with cpu_util near 0, rps served collapses, latency hits the callers' timeouts, "
            + "Readiness probe failures; a thread dump shows 'Found one Java-level deadlock'",
        "restart the service", "scale out (the deadlocked instances keep receiving traffic), rollback"),
        Kinds::service, null,
        (f, c) -> c.impair("", new Trigger.UntilRestart(), List.of(new Effect.ThreadsBlocked(1.0), new Effect.Latency(25_000)),
            List.of(perSecond(WARN, "Thread pool http-nio-8080-exec exhausted: " + c.spec().resources().threads()
                + " of " + c.spec().resources().threads() + " threads BLOCKED in com.shop.inventory.StockLock.acquire", 0.1))),
        x -> one(ActionKind.RESTART, x.fault().target()),
        x -> List.of(act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(x.replicas(x.fault().target()) + 1))));
  }

  private static FaultKind noisyNeighbour() {
    return new FaultKind(def(FaultType.NOISY_NEIGHBOUR, "A batch workload on a shared node steals CPU from the target's "
            + "pod on that node.", "an application service",
        "latency and errors on the target's instance(s) on one node only, CPU steal warnings naming the node; other "
            + "instances healthy", "drain the node (the pods move elsewhere)", "restart (the pod stays on the node), rollback"),
        Kinds::service, null,
        (f, c) -> {
          String node = c.instance().node;
          c.facts.put("node", node);
          c.impair("", new Trigger.WhileOnNode(node), List.of(new Effect.Capacity(0.12 - 0.06 * f.intensity())),
              List.of(perSecond(WARN, "High CPU steal on " + node + ": st=" + (40 + c.pick(40)) + "% (co-located pod "
                  + "batch-etl-7d9f4 using 7.6 cores)", 0.2)));
        },
        x -> one(ActionKind.DRAIN_NODE, x.fault().target(), "node", x.fact("node")),
        x -> List.of(act(ActionKind.RESTART, x.fault().target())));
  }

  private static FaultKind cryptoMiner() {
    return new FaultKind(def(FaultType.CRYPTO_MINER, "An attacker runs a crypto-miner process inside one instance.",
        "an application service", "cpu_util 1 on one instance with normal rps, unexpected egress to a mining pool, "
            + "process list shows xmrig", "kill the process", "scale out (the miner keeps running)"),
        Kinds::service, null,
        (f, c) -> {
          InstanceState inst = c.instance();
          c.facts.put("instance", inst.name);
          c.facts.put("process", "xmrig");
          inst.processes.add("xmrig");
          c.impair(inst.name, new Trigger.WhileProcess(inst.name, "xmrig"),
              List.of(new Effect.Burn(c.spec().resources().cores() * (0.85 + 0.1 * f.intensity()))),
              List.of(perSecond(WARN, "Denied egress from pod " + inst.name + " to 45.9.148.117:3333 (pool.supportxmr.com): "
                  + "not allowed by NetworkPolicy default-deny-egress", 0.1)));
        },
        x -> one(ActionKind.KILL_PROCESS, x.fault().target(), "process", x.fact("process"), "instance", x.fact("instance")),
        x -> List.of(act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(x.replicas(x.fault().target()) + 1))));
  }
}
