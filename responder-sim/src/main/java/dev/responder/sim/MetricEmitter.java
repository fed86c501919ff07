package dev.responder.sim;

import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.Snapshot.Inst;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Turns a tick's figures into per-instance metric points, with a little measurement noise. */
final class MetricEmitter {
  static final String RPS = "rps";
  static final String ERROR_RATE = "error_rate";
  static final String P50 = "latency_p50_ms";
  static final String P95 = "latency_p95_ms";
  static final String P99 = "latency_p99_ms";
  static final String CPU = "cpu_util";
  static final String MEMORY = "memory_bytes";
  static final String GC = "gc_pause_ms";
  static final String THREADS = "threadpool_util";
  static final String CONNECTIONS = "connpool_util";
  static final String QUEUE_DEPTH = "queue_depth";
  static final String LAG = "consumer_lag";
  static final String DISK = "disk_used_ratio";
  static final String RESTARTS = "restarts";
  static final String REPLICAS = "replicas";
  /** Every metric name the simulator emits, in emission order. */
  static final List<String> NAMES = List.of(RPS, ERROR_RATE, P50, P95, P99, CPU, MEMORY, GC, THREADS, CONNECTIONS,
      QUEUE_DEPTH, LAG, DISK, RESTARTS, REPLICAS);

  private final CallGraph g;
  private final long seed;
  private final boolean[] consumer;

  MetricEmitter(CallGraph graph, long seed) {
    this.g = graph;
    this.seed = seed;
    this.consumer = new boolean[graph.services()];
    for (int c = 0; c < graph.size; c++) {
      if (graph.via[c] >= 0) {
        consumer[graph.service[c]] = true;
      }
    }
  }

  void emit(SimState st, Snapshot snap, Instant ts, List<MetricPoint> out) {
    double[] queueDepth = queueDepths(st);
    for (int s = 0; s < g.services(); s++) {
      ServiceSpec spec = g.spec(s);
      if (!spec.operated()) {
        continue;
      }
      ServiceId id = spec.id();
      SplittableRandom r = new SplittableRandom(Seeds.mix(seed, snap.tick, Seeds.METRICS, s));
      boolean consumes = consumes(s);
      for (Inst f : snap.instances[s]) {
        if (!f.up) {
          out.add(point(ts, id, f.name, RESTARTS, f.restarts));
          continue;
        }
        double n = 1 + 0.03 * r.nextGaussian();
        out.add(point(ts, id, f.name, RPS, Math.max(0, f.rps * n)));
        out.add(point(ts, id, f.name, ERROR_RATE, clamp(f.error + (f.error > 0 ? 0.05 * f.error * r.nextGaussian() : 0))));
        double l = 1 + 0.04 * r.nextGaussian();
        out.add(point(ts, id, f.name, P50, f.p50() * l));
        out.add(point(ts, id, f.name, P95, f.p95() * l));
        out.add(point(ts, id, f.name, P99, f.p99() * l));
        out.add(point(ts, id, f.name, CPU, clamp(f.cpu + 0.01 * r.nextGaussian())));
        out.add(point(ts, id, f.name, MEMORY, Math.rint(f.memory * (1 + 0.005 * r.nextGaussian()))));
        out.add(point(ts, id, f.name, GC, Math.max(0, f.gcPause * (1 + 0.1 * r.nextGaussian()))));
        out.add(point(ts, id, f.name, THREADS, clamp(f.threadPool + 0.01 * r.nextGaussian())));
        out.add(point(ts, id, f.name, CONNECTIONS, clamp(f.connPool + (f.connPool > 0 ? 0.01 * r.nextGaussian() : 0))));
        if (spec.kind() == ServiceSpec.Kind.QUEUE) {
          out.add(point(ts, id, f.name, QUEUE_DEPTH, Math.rint(queueDepth[s] / snap.instances[s].length)));
        }
        if (consumes) {
          out.add(point(ts, id, f.name, LAG, Math.rint(snap.lag[s])));
        }
        out.add(point(ts, id, f.name, DISK, clamp(f.disk)));
        out.add(point(ts, id, f.name, RESTARTS, f.restarts));
      }
      out.add(point(ts, id, "", REPLICAS, snap.instances[s].length));
    }
  }

  private boolean consumes(int s) {
    return consumer[s];
  }

  private double[] queueDepths(SimState st) {
    double[] depth = new double[g.services()];
    boolean[] counted = new boolean[g.services()];
    for (int c = 0; c < g.size; c++) {
      if (g.via[c] >= 0 && !counted[g.service[c]]) {
        counted[g.service[c]] = true;
        depth[g.via[c]] += st.backlog[g.service[c]];
      }
    }
    return depth;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static MetricPoint point(Instant ts, ServiceId id, String instance, String name, double value) {
    return new MetricPoint(ts, id, instance, name, value, Map.of());
  }
}
