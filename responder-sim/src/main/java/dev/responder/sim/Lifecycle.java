package dev.responder.sim;

import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.sim.SimState.InstanceState;
import dev.responder.sim.SimState.ServiceState;
import dev.responder.sim.Snapshot.Inst;
import java.time.Instant;
import java.util.Map;

/**
 * What happens to instances between ticks: heaps and disks fill, leaked connections pile up, containers are
 * OOM-killed and restarted with Kubernetes' exponential back-off (10 s doubling to 5 min, reset after 10 min
 * without a crash), caches warm up, and failing probes are reported. Kubernetes events become WARN log records
 * with {@code event.domain=k8s}, as OpenTelemetry's Kubernetes event receivers deliver them.
 */
final class Lifecycle {
  private static final double DISK_GROWTH_PER_SECOND = 0.2 / 86_400;
  private final CallGraph g;
  private final double dt;

  Lifecycle(CallGraph graph, double dtSeconds) {
    this.g = graph;
    this.dt = dtSeconds;
  }

  void after(SimState st, Mods m, Snapshot snap, Instant now) {
    for (int s = 0; s < g.services(); s++) {
      ServiceSpec spec = g.spec(s);
      ServiceState ss = st.services[s];
      if (spec.kind() == ServiceSpec.Kind.CACHE) {
        st.cacheWarmth[s] = m.down[s] ? 0 : st.cacheWarmth[s] + (1 - st.cacheWarmth[s]) * Math.min(1, dt / 90);
      }
      for (int i = 0; i < ss.instances.size(); i++) {
        InstanceState is = ss.instances.get(i);
        Inst f = snap.instances[s][i];
        is.diskUsed = Math.min(1, is.diskUsed + (DISK_GROWTH_PER_SECOND + m.diskFill[s][i]) * dt);
        if (!is.up(st.tick)) {
          continue;
        }
        is.heapExtraBytes += m.leak[s][i] * dt;
        is.leakedConnections = Math.min(1.5 * Math.max(1, spec.resources().connections()),
            is.leakedConnections + m.connLeak[s][i] * dt);
        if (spec.kind() == ServiceSpec.Kind.SERVICE && f.memory >= spec.resources().memoryBytes()) {
          oomKill(st, s, i, now);
        } else if (st.tick % Math.max(1, Math.round(60 / dt)) == 0 && unhealthy(f, m.blocked[s][i])) {
          st.pendingEvents.add(event(now, s, is, "Unhealthy", "Readiness probe failed: Get \"http://"
              + ip(s, i) + ":8080/ready\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"));
        }
      }
    }
  }

  private static boolean unhealthy(Inst f, double blocked) {
    return f.threadPool >= 0.999 || f.rho > 1.2 || blocked > 0.5 || f.error > 0.5;
  }

  private void oomKill(SimState st, int s, int i, Instant now) {
    InstanceState is = st.services[s].instances.get(i);
    String svc = g.id(s).name();
    st.pendingEvents.add(new LogRecord(now, g.id(s), is.name, Severity.ERROR,
        "java.lang.OutOfMemoryError: Java heap space", "", "", Map.of()));
    st.pendingEvents.add(event(now, s, is, "OOMKilled", "Container " + svc + " in pod " + is.name
        + " was OOMKilled (exit code 137): memory limit " + g.spec(s).resources().memoryBytes() / (1024 * 1024) + "Mi exceeded"));
    int level = restart(st, s, i, now, "OOMKilled", "kubelet", true);
    if (level >= 1) {
      st.pendingEvents.add(event(now, s, is, "BackOff", "Back-off restarting failed container " + svc
          + " in pod " + is.name));
    }
  }

  /**
   * Restarts one instance: heap, leaked connections and pool state are reset. A crash ({@code crashed}) keeps the
   * instance down for the back-off delay; a planned restart is rolling and costs no downtime.
   *
   * @return the back-off level (0 for the first crash within 10 minutes)
   */
  int restart(SimState st, int s, int i, Instant now, String reason, String author, boolean crashed) {
    InstanceState is = st.services[s].instances.get(i);
    long window = Math.round(600 / dt);
    while (!is.recentRestarts.isEmpty() && is.recentRestarts.peekFirst() < st.tick - window) {
      is.recentRestarts.pollFirst();
    }
    int level = crashed ? is.recentRestarts.size() : 0;
    if (crashed) {
      is.recentRestarts.addLast(st.tick);
      long delaySeconds = 10 + Math.min(300, 10L << Math.min(level, 5));
      is.downUntilTick = st.tick + Math.max(1, (long) Math.ceil(delaySeconds / dt));
    }
    is.heapExtraBytes = 0;
    is.leakedConnections = 0;
    // Ephemeral storage (logs, temp files) is wiped with the container.
    if (g.spec(s).kind() == ServiceSpec.Kind.SERVICE) {
      is.diskUsed = Math.min(is.diskUsed, 0.4);
    }
    is.poolRejection = 0;
    is.restarts++;
    is.lastRestartTick = st.tick;
    is.processes.retainAll(baseProcesses(g.spec(s)));
    st.pendingChanges.add(new ChangeEvent.Restart(now, g.id(s), author, is.name, reason));
    return level;
  }

  LogRecord event(Instant now, int s, InstanceState is, String reason, String message) {
    return new LogRecord(now, g.id(s), is.name, Severity.WARN, message, "", "",
        Map.of("event.domain", "k8s", "k8s.event.reason", reason, "k8s.pod.name", is.name));
  }

  /** The processes a healthy instance runs. */
  static java.util.Set<String> baseProcesses(ServiceSpec spec) {
    return switch (spec.kind()) {
      case SERVICE -> java.util.Set.of("java", "tini");
      case DATABASE -> java.util.Set.of("postgres", "postgres: checkpointer", "postgres: walwriter");
      case CACHE -> java.util.Set.of("redis-server");
      case QUEUE -> java.util.Set.of("java", "kafka-exporter");
      case EXTERNAL -> java.util.Set.of();
    };
  }

  static String ip(int service, int instance) {
    return "10.0." + (service % 250 + 1) + "." + (instance + 10);
  }
}
