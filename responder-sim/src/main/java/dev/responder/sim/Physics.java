package dev.responder.sim;

import dev.responder.sim.SimState.InstanceState;
import dev.responder.sim.SimState.ServiceState;
import dev.responder.sim.Snapshot.Inst;
import java.util.List;

/**
 * The per-tick queueing model. Design note: each instance is an M/M/c station whose mean queueing delay follows
 * Sakasegawa's approximation W_q = S * rho^(sqrt(2(c+1)) - 1) / (c (1 - rho)) (Sakasegawa, "An approximation
 * formula L_q = alpha * rho^beta / (1 - rho)", Annals of the Institute of Statistical Mathematics 29, 1977).
 * Beyond rho = 0.97 the station sheds the excess as errors and its latency climbs towards the callers' timeouts.
 * Requests flow down each endpoint's call graph; the fraction of one attempt that fails in a tick drives the
 * retry amplification of the next tick (the feedback loop behind retry storms); a call times out with
 * probability exp(-timeout / latency) (exponential service-time tail); caches divert misses to the database;
 * thread and connection pools follow Little's law, L = lambda * W, and reject the excess.
 */
final class Physics {
  static final double CACHE_HIT_RATIO = 0.9;
  private static final double SATURATION = 0.97;
  private final CallGraph g;
  private final double dt;

  Physics(CallGraph graph, double dtSeconds) {
    this.g = graph;
    this.dt = dtSeconds;
  }

  Snapshot step(SimState st, Mods m, double[] entryRps, long tick) {
    int services = g.services();
    Snapshot snap = new Snapshot(tick, services, g.size, g.roots.length);
    Knobs k = Knobs.of(st, g);
    double[] hit = snap.hit;
    for (int s = 0; s < services; s++) {
      hit[s] = g.spec(s).kind() == ServiceSpec.Kind.CACHE && !m.down[s]
          ? CACHE_HIT_RATIO * st.cacheWarmth[s] * m.cacheHits[s] : 0;
    }
    double[] produced = new double[services];
    double[] asyncProduced = new double[g.size];
    for (int e = 0; e < g.roots.length; e++) {
      double rate = entryRps[e] * surge(m, e) + attack(m, e);
      snap.endpointRps[e] = rate;
      propagate(g.roots[e], rate, st, m, k, hit, snap, produced, asyncProduced);
    }
    consume(st, m, k, hit, snap, produced, asyncProduced);
    Inst[][] inst = new Inst[services][];
    for (int s = 0; s < services; s++) {
      inst[s] = selfFigures(s, st, m, snap);
    }
    double[] nextFailure = inclusive(st, m, k, snap);
    for (int s = 0; s < services; s++) {
      finish(s, st, m, k, snap, inst[s]);
    }
    st.attemptFailure = nextFailure;
    return snap;
  }

  private double surge(Mods m, int endpoint) {
    double f = 1;
    for (int s = 0; s < g.services(); s++) {
      if (m.loadFactor[s] != 1 && g.reaches(endpoint, s)) {
        f *= m.loadFactor[s];
      }
    }
    return f;
  }

  private double attack(Mods m, int endpoint) {
    double extra = 0;
    String name = g.app.endpoints().get(endpoint).name();
    for (int s = 0; s < g.services(); s++) {
      if (m.attackRps[s] > 0 && name.contains(m.attackPart[s]) && g.reaches(endpoint, s)) {
        extra += m.attackRps[s];
      }
    }
    return extra;
  }

  private void propagate(int node, double rate, SimState st, Mods m, Knobs k, double[] hit, Snapshot snap,
                         double[] produced, double[] asyncProduced) {
    int s = g.service[node];
    snap.nodeRate[node] += rate;
    snap.load[s] += rate;
    // Requests the service sheds (overload, full pools) never reach its callees.
    rate *= 1 - st.shed[s];
    for (int c : g.children[node]) {
      if (g.via[c] >= 0) {
        double published = rate * g.count[c];
        snap.load[g.via[c]] += m.down[g.via[c]] ? 0 : published;
        if (!m.down[g.via[c]]) {
          produced[g.service[c]] += published;
          asyncProduced[c] += published;
        }
        continue;
      }
      int callee = g.service[c];
      double w = g.count[c] * (g.missOf[c] >= 0 ? 1 - hit[g.missOf[c]] : 1);
      double[] edge = m.edge(s, callee);
      double attempts = Math.min(attempts(st.attemptFailure[c], k.retries[s]), budget(k.retries[s]))
          * m.retryFactor(s, callee);
      double pass = (1 - edge[2]) * (m.down[callee] ? 0 : 1) * (1 - m.inbound[callee]);
      propagate(c, rate * w * attempts * pass, st, m, k, hit, snap, produced, asyncProduced);
    }
  }

  /** Queue consumers take what their capacity allows; the rest waits as lag. */
  private void consume(SimState st, Mods m, Knobs k, double[] hit, Snapshot snap, double[] produced,
                       double[] asyncProduced) {
    for (int s = 0; s < g.services(); s++) {
      if (produced[s] == 0 && st.backlog[s] == 0) {
        continue;
      }
      ServiceSpec spec = g.spec(s);
      ServiceState ss = st.services[s];
      double capacity = 0;
      for (int i = 0; i < ss.instances.size(); i++) {
        if (ss.instances.get(i).up(st.tick) && !m.down[s]) {
          double avail = Math.max(0.05, spec.resources().cores() * m.capacity[s][i] - m.burn[s][i]);
          double cost = Math.max(0.1, spec.resources().cpuMsPerRequest() * m.cpuCost[s][i] * m.slowConsumer[s]);
          capacity += 0.85 * avail * 1000 / cost * (1 - m.blocked[s][i]);
        }
      }
      st.backlog[s] += produced[s] * dt;
      double consumed = Math.min(st.backlog[s], capacity * dt);
      st.backlog[s] -= consumed;
      snap.lag[s] = st.backlog[s];
      int asyncNodes = 0;
      for (int c = 0; c < g.size; c++) {
        asyncNodes += g.via[c] >= 0 && g.service[c] == s ? 1 : 0;
      }
      for (int c = 0; c < g.size; c++) {
        if (g.via[c] >= 0 && g.service[c] == s) {
          double share = produced[s] > 0 ? asyncProduced[c] / produced[s] : 1.0 / asyncNodes;
          propagate(c, consumed / dt * share, st, m, k, hit, snap, produced, asyncProduced);
        }
      }
    }
  }

  /** Each instance's own latency and errors from its utilisation, before its callees are added. */
  private Inst[] selfFigures(int s, SimState st, Mods m, Snapshot snap) {
    ServiceSpec spec = g.spec(s);
    ServiceSpec.Resources r = spec.resources();
    ServiceState ss = st.services[s];
    List<InstanceState> all = ss.instances;
    Inst[] out = new Inst[all.size()];
    boolean[] serving = new boolean[all.size()];
    int up = 0;
    for (int i = 0; i < all.size(); i++) {
      boolean on = all.get(i).up(st.tick) && !m.down[s] && spec.operated();
      serving[i] = on && (spec.kind() != ServiceSpec.Kind.DATABASE || i == ss.primary);
      up += serving[i] ? 1 : 0;
    }
    double latSum = 0;
    double errSum = 0;
    double shedSum = 0;
    double wSum = 0;
    for (int i = 0; i < all.size(); i++) {
      InstanceState is = all.get(i);
      Inst f = new Inst();
      out[i] = f;
      f.name = is.name;
      f.up = is.up(st.tick) && !m.down[s];
      f.restarts = is.restarts;
      f.disk = is.diskUsed;
      f.rps = serving[i] ? snap.load[s] / up : 0;
      double cost = r.cpuMsPerRequest() * m.cpuCost[s][i] * m.queryFactor[s];
      double avail = Math.max(0.05, r.cores() * m.capacity[s][i] - m.burn[s][i]);
      f.rho = f.rps * cost / 1000 / avail;
      double used = Math.min(f.rps * cost / 1000, avail) + m.burn[s][i];
      f.cpu = Math.min(1, used / r.cores());
      double occupancy = (r.memoryBytes() * (0.42 + 0.12 * Math.min(f.rho, 1)) + is.heapExtraBytes) / r.memoryBytes();
      f.memory = occupancy * r.memoryBytes();
      boolean jvm = spec.kind() == ServiceSpec.Kind.SERVICE;
      double over = Math.max(0, occupancy - 0.75);
      f.gcPause = jvm && f.up ? 4 + 10 * Math.min(f.rho, 1) + 900 * over * over / 0.0625 : 0;
      double service = r.latencyMs() * m.queryFactor[s] + cost;
      f.latency = service + queueing(cost, f.rho, avail) + m.latency[s][i] + 0.3 * f.gcPause;
      double drop = f.rho > SATURATION ? 1 - SATURATION / f.rho : 0;
      double gcErr = jvm && occupancy >= 0.97 ? 0.25 : 0;
      double diskErr = is.diskUsed >= 0.98 ? 0.7 : 0;
      f.error = 1 - (1 - m.errors[s][i]) * (1 - drop) * (1 - is.poolRejection) * (1 - gcErr) * (1 - diskErr);
      if (serving[i]) {
        double w = Math.max(f.rps, 1e-9);
        latSum += w * f.latency;
        errSum += w * f.error;
        shedSum += w * (1 - (1 - drop) * (1 - is.poolRejection));
        wSum += w;
      }
    }
    st.shed[s] = wSum > 0 ? shedSum / wSum : 0;
    if (!spec.operated()) {
      snap.selfLatency[s] = r.latencyMs();
      snap.selfError[s] = 0;
    } else if (wSum == 0) {
      snap.selfLatency[s] = 0;
      snap.selfError[s] = 1;
    } else {
      snap.selfLatency[s] = latSum / wSum;
      double err = errSum / wSum;
      if (ss.rateLimitRps > 0 && snap.load[s] > ss.rateLimitRps) {
        err = 1 - (1 - err) * ss.rateLimitRps / snap.load[s];
      }
      snap.selfError[s] = err;
    }
    return out;
  }

  /** Mean queueing delay of an M/M/c station (Sakasegawa), plus the overload penalty past saturation. */
  static double queueing(double serviceMs, double rho, double servers) {
    double c = Math.max(1, servers);
    double r = Math.min(rho, SATURATION);
    double wait = serviceMs * Math.pow(r, Math.sqrt(2 * (c + 1)) - 1) / (c * (1 - r));
    // Past saturation, bounded queues fill: accepted requests wait up to about a second, the rest are shed.
    return wait + (rho > SATURATION ? Math.min(1_500, 3_000 * (rho - SATURATION)) : 0);
  }

  /** Bottom-up over the call graphs: latency and error of each node including its callees. */
  private double[] inclusive(SimState st, Mods m, Knobs k, Snapshot snap) {
    double[] failure = new double[g.size];
    for (int i = g.size - 1; i >= 0; i--) {
      int s = g.service[i];
      double lat = snap.selfLatency[s];
      double ok = 1 - snap.selfError[s];
      for (int c : g.children[i]) {
        if (g.via[c] >= 0) {
          lat += g.count[c] * snap.selfLatency[g.via[c]];
          ok *= m.down[g.via[c]] ? 0 : 1;
          continue;
        }
        int callee = g.service[c];
        double w = g.count[c] * (g.missOf[c] >= 0 ? 1 - snap.hit[g.missOf[c]] : 1);
        double[] edge = m.edge(s, callee);
        double blocked = 1 - (1 - edge[2]) * (m.down[callee] ? 0 : 1) * (1 - m.inbound[callee]);
        double callLat = snap.nodeLatency[c] + edge[0];
        double timeout = k.timeout[s];
        double timedOut = callLat > 0 ? Math.exp(-timeout / callLat) : 0;
        double p1 = 1 - (1 - edge[1]) * (1 - blocked) * (1 - snap.nodeError[c]) * (1 - timedOut);
        failure[c] = p1;
        double a = Math.min(attempts(p1, k.retries[s]), budget(k.retries[s]));
        lat += w * a * ((1 - blocked) * Math.min(callLat, timeout) + blocked);
        boolean fallback = g.optional[c] || g.spec(callee).kind() == ServiceSpec.Kind.CACHE;
        if (!fallback) {
          ok *= Math.pow(1 - Math.pow(p1, k.retries[s] + 1), Math.min(w, 3));
        }
      }
      snap.nodeLatency[i] = lat;
      snap.nodeError[i] = 1 - ok;
    }
    double[] rate = new double[g.services()];
    double[] latSum = new double[g.services()];
    double[] errSum = new double[g.services()];
    for (int i = 0; i < g.size; i++) {
      int s = g.service[i];
      rate[s] += snap.nodeRate[i];
      latSum[s] += snap.nodeRate[i] * snap.nodeLatency[i];
      errSum[s] += snap.nodeRate[i] * snap.nodeError[i];
    }
    for (int s = 0; s < g.services(); s++) {
      snap.inclLatency[s] = rate[s] > 0 ? latSum[s] / rate[s] : snap.selfLatency[s];
      snap.error[s] = rate[s] > 0 ? errSum[s] / rate[s] : snap.selfError[s];
    }
    return failure;
  }

  /** Instance figures with callees included, pools by Little's law, and the service's SLO verdict. */
  private void finish(int s, SimState st, Mods m, Knobs k, Snapshot snap, Inst[] inst) {
    ServiceSpec spec = g.spec(s);
    ServiceState ss = st.services[s];
    double downstreamLat = Math.max(0, snap.inclLatency[s] - snap.selfLatency[s]);
    double downstreamOk = snap.selfError[s] >= 1 ? 1 : (1 - snap.error[s]) / (1 - snap.selfError[s]);
    double[] db = databaseCalls(s, snap);
    double rpsSum = 0;
    double cpuSum = 0;
    int up = 0;
    for (int i = 0; i < inst.length; i++) {
      Inst f = inst[i];
      InstanceState is = ss.instances.get(i);
      f.latency += downstreamLat;
      f.error = 1 - (1 - f.error) * Math.min(1, downstreamOk);
      double threads = spec.resources().threads() * (1 - m.blocked[s][i]);
      double busy = f.rps * f.latency / 1000;
      f.threadPool = Math.min(1, m.blocked[s][i] + busy / spec.resources().threads());
      double tpReject = m.blocked[s][i] >= 0.999 ? 1 : busy > threads ? 1 - threads / busy : 0;
      double share = snap.load[s] > 0 ? f.rps / snap.load[s] : 0;
      double conns = db[0] * share * db[1] / 1000 + is.leakedConnections;
      double pool = k.pool[s];
      f.connPool = pool > 0 ? Math.min(1, conns / pool) : 0;
      double cpReject = pool > 0 && conns > pool ? 1 - pool / conns : 0;
      if (f.connPool >= 1) {
        f.latency += Math.min(30_000, 500 * (conns / pool));
      }
      is.poolRejection = f.up ? 1 - (1 - tpReject) * (1 - cpReject) : 0;
      if (f.up) {
        rpsSum += f.rps;
        cpuSum += f.cpu;
        up++;
      }
    }
    snap.instances[s] = inst;
    snap.cpu[s] = up > 0 ? cpuSum / up : 0;
    snap.p95[s] = weightedP95(inst, rpsSum);
    ServiceSpec.Slo slo = spec.slo();
    boolean ok = snap.error[s] <= slo.errorRate() && snap.p95[s] <= slo.p95Ms() && snap.lag[s] <= slo.maxLag();
    snap.sloOk[s] = !spec.operated() || (ok && !m.down[s]);
  }

  /** Rate and mean latency of the service's calls to databases. */
  private double[] databaseCalls(int s, Snapshot snap) {
    double rate = 0;
    double lat = 0;
    for (int c : g.databaseCalls[s]) {
      rate += snap.nodeRate[c];
      lat += snap.nodeRate[c] * snap.nodeLatency[c];
    }
    return new double[] {rate, rate > 0 ? lat / rate : 0};
  }

  /** The service's p95 as the traffic-weighted quantile over its instances' p95s. */
  private static double weightedP95(Inst[] inst, double rpsSum) {
    if (rpsSum <= 0) {
      return 0;
    }
    Inst[] sorted = inst.clone();
    java.util.Arrays.sort(sorted, java.util.Comparator.comparingDouble(Inst::p95));
    double cum = 0;
    for (Inst f : sorted) {
      if (f.up) {
        cum += f.rps / rpsSum;
        if (cum >= 0.95 - 1e-9) {
          return f.p95();
        }
      }
    }
    return sorted[sorted.length - 1].p95();
  }

  /**
   * Clients throttle retries to a budget of 20 % extra attempts (as gRPC retry throttling and Finagle's retry
   * budgets do), which is what keeps an overloaded service from being buried by retries; a client configured for
   * more than three retries is taken to have no budget (the retry-storm fault).
   */
  static double budget(int retries) {
    return retries > 3 ? retries + 1 : 1.2;
  }

  /** Expected attempts of a call with per-attempt failure p and up to r retries. */
  static double attempts(double p, int retries) {
    if (p >= 1) {
      return retries + 1;
    }
    return (1 - Math.pow(p, retries + 1)) / (1 - p);
  }

  /** Configuration values the model reads each tick, parsed once. */
  record Knobs(int[] retries, double[] timeout, double[] pool) {
    static Knobs of(SimState st, CallGraph g) {
      int n = g.services();
      int[] retries = new int[n];
      double[] timeout = new double[n];
      double[] pool = new double[n];
      for (int s = 0; s < n; s++) {
        var cfg = st.services[s].config;
        retries[s] = (int) Math.max(0, Math.min(20, number(cfg.get("client.max_retries"), 1)));
        timeout[s] = Math.max(1, number(cfg.get("client.timeout_ms"), 2000));
        pool[s] = Math.max(0, number(cfg.get("db.pool.max_size"), g.spec(s).resources().connections()));
      }
      return new Knobs(retries, timeout, pool);
    }

    private static double number(String text, double fallback) {
      if (text == null) {
        return fallback;
      }
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
  }
}
