package dev.responder.sim;

import java.util.ArrayList;
import java.util.List;

/** The outcome of one tick, without noise: what emitters turn into telemetry and what SLO checks read. */
final class Snapshot {
  final long tick;
  // per service
  final double[] load;
  final double[] selfLatency;
  final double[] selfError;
  final double[] inclLatency;
  final double[] error;
  final double[] p95;
  final double[] cpu;
  final double[] lag;
  final double[] hit;
  final boolean[] sloOk;
  // per call-graph node
  final double[] nodeRate;
  final double[] nodeLatency;
  final double[] nodeError;
  final double[] endpointRps;
  // per service, per instance
  final Inst[][] instances;

  Snapshot(long tick, int services, int nodes, int endpoints) {
    this.tick = tick;
    load = new double[services];
    selfLatency = new double[services];
    selfError = new double[services];
    inclLatency = new double[services];
    error = new double[services];
    p95 = new double[services];
    cpu = new double[services];
    lag = new double[services];
    hit = new double[services];
    sloOk = new boolean[services];
    nodeRate = new double[nodes];
    nodeLatency = new double[nodes];
    nodeError = new double[nodes];
    endpointRps = new double[endpoints];
    instances = new Inst[services][];
  }

  boolean allWithinSlo() {
    for (boolean ok : sloOk) {
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  List<ServiceHealth> health(CallGraph graph) {
    List<ServiceHealth> out = new ArrayList<>();
    for (int s = 0; s < load.length; s++) {
      out.add(new ServiceHealth(graph.id(s), load[s], error[s], p95[s], cpu[s], lag[s], sloOk[s]));
    }
    return out;
  }

  /** One instance's figures for the tick. */
  static final class Inst {
    String name;
    boolean up;
    double rps;
    double error;
    double latency;
    double rho;
    double cpu;
    double memory;
    double gcPause;
    double threadPool;
    double connPool;
    double disk;
    int restarts;

    double p50() {
      return latency * 0.8;
    }

    double p95() {
      return latency * (2.1 + 1.2 * tail());
    }

    double p99() {
      return latency * (3.0 + 3.0 * tail());
    }

    private double tail() {
      double r = Math.min(rho, 1);
      return r * r * r;
    }
  }
}
