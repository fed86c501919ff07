package dev.responder.sim;

import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.Snapshot.Inst;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Log lines from templates, with counts that follow each instance's traffic and errors: routine access and
 * application lines, generic error lines whose text depends on the cause (rejections, pool timeouts, upstream
 * failures), and each active fault's own characteristic messages.
 */
final class LogEmitter {
  /** Routine lines per request by kind: most services log about one line in two requests. */
  private static final double SERVICE_LINES = 0.5;
  private static final int MAX_PER_INSTANCE = 20_000;
  private final CallGraph g;
  private final long seed;
  private final double dt;
  private final double volume;
  private final String[][] operations;
  private final String[][] callees;

  LogEmitter(CallGraph graph, long seed, double dtSeconds, double volume) {
    this.g = graph;
    this.seed = seed;
    this.dt = dtSeconds;
    this.volume = volume;
    operations = new String[graph.services()][];
    callees = new String[graph.services()][];
    for (int s = 0; s < graph.services(); s++) {
      List<String> ops = new ArrayList<>();
      for (int i = 0; i < graph.size; i++) {
        if (graph.service[i] == s && !ops.contains(graph.operation[i])) {
          ops.add(graph.operation[i]);
        }
      }
      operations[s] = ops.isEmpty() ? new String[] {"handle"} : ops.toArray(String[]::new);
      callees[s] = graph.callees(s).stream().map(c -> graph.id(c).name()).toArray(String[]::new);
    }
  }

  void emit(SimState st, Mods m, Snapshot snap, Instant ts, List<LogRecord> out) {
    long tickMillis = (long) (dt * 1000);
    for (int s = 0; s < g.services(); s++) {
      ServiceSpec spec = g.spec(s);
      if (!spec.operated()) {
        continue;
      }
      for (int i = 0; i < snap.instances[s].length; i++) {
        Inst f = snap.instances[s][i];
        if (!f.up) {
          continue;
        }
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, snap.tick, Seeds.LOGS, s * 1_000L + i));
        Template t = new Template(r, spec.id(), f.name, ts, tickMillis, out);
        int budget = MAX_PER_INSTANCE;
        budget -= faultLines(m, st, s, i, f, t, budget);
        boolean explained = budget < MAX_PER_INSTANCE && hasPerErrorLine(m, st, s, i);
        routine(spec, s, f, t, r, explained, Math.max(0, budget));
      }
    }
  }

  private int faultLines(Mods m, SimState st, int s, int i, Inst f, Template t, int budget) {
    int written = 0;
    for (Impairment imp : m.active) {
      for (Impairment.LogLine line : imp.logs()) {
        if (!applies(imp, line, st, s, i)) {
          continue;
        }
        double expected = line.perError() ? f.rps * f.error * dt * line.rate() : line.rate() * dt;
        int n = Math.min(budget - written, count(expected, t.rng));
        for (int k = 0; k < n; k++) {
          t.line(line.level(), t.fill(line.template(), callee(s, t.rng)));
        }
        written += Math.max(0, n);
      }
    }
    return written;
  }

  private boolean hasPerErrorLine(Mods m, SimState st, int s, int i) {
    for (Impairment imp : m.active) {
      for (Impairment.LogLine line : imp.logs()) {
        if (line.perError() && applies(imp, line, st, s, i)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean applies(Impairment imp, Impairment.LogLine line, SimState st, int s, int i) {
    if (line.at() != null) {
      return g.indexOf(line.at()) == s;
    }
    return imp.service() == s && Mods.scope(imp, st)[i];
  }

  private void routine(ServiceSpec spec, int s, Inst f, Template t, SplittableRandom r, boolean errorsExplained,
                       int budget) {
    double perRequest = switch (spec.kind()) {
      case SERVICE -> SERVICE_LINES;
      case DATABASE -> 0.02;
      case QUEUE -> 0.01;
      case CACHE, EXTERNAL -> 0;
    };
    int n = Math.min(budget, count(f.rps * dt * perRequest * volume, r));
    for (int k = 0; k < n; k++) {
      String op = operations[s][r.nextInt(operations[s].length)];
      switch (spec.kind()) {
        case DATABASE -> t.line(Severity.INFO, "LOG:  duration: " + ms(r, f.latency) + " ms  statement: " + op
            + " WHERE id = $1");
        case QUEUE -> t.line(Severity.INFO, "[Partition " + op.replace(' ', '-') + "-" + r.nextInt(12)
            + "] Committed offset " + r.nextInt(1_000_000) + " for consumer group " + callee(s, r));
        default -> {
          double u = r.nextDouble();
          if (u < 0.6 || callees[s].length == 0) {
            t.line(Severity.INFO, op + " completed status=200 duration_ms=" + ms(r, f.latency) + " request_id=" + hex(r, 8));
          } else if (u < 0.9) {
            t.line(Severity.INFO, "Outgoing call to " + callee(s, r) + " took " + ms(r, f.latency * 0.4) + " ms");
          } else {
            t.line(Severity.DEBUG, "Session refreshed for user u-" + r.nextInt(500_000));
          }
        }
      }
    }
    if (spec.kind() != ServiceSpec.Kind.SERVICE || errorsExplained) {
      return;
    }
    int errors = Math.min(Math.max(0, budget - n), count(f.rps * f.error * dt * 0.5 * Math.max(volume, 0.2), r));
    for (int k = 0; k < errors; k++) {
      t.line(Severity.ERROR, genericError(s, f, r));
    }
    int slow = Math.min(Math.max(0, budget - n - errors), count(f.rps * dt * 0.2 * volume * Math.exp(-1000 / Math.max(1, f.latency)), r));
    for (int k = 0; k < slow; k++) {
      t.line(Severity.WARN, "Slow request " + operations[s][r.nextInt(operations[s].length)] + " took "
          + (1000 + ms(r, f.latency)) + " ms");
    }
  }

  private String genericError(int s, Inst f, SplittableRandom r) {
    if (f.threadPool >= 0.999) {
      return "java.util.concurrent.RejectedExecutionException: Task rejected from java.util.concurrent.ThreadPoolExecutor"
          + "[Running, pool size = " + g.spec(s).resources().threads() + ", active threads = "
          + g.spec(s).resources().threads() + ", queued tasks = 1000]";
    }
    if (f.connPool >= 0.999) {
      return "HikariPool-1 - Connection is not available, request timed out after 30000ms.";
    }
    if (f.rho > 0.97) {
      return "Request rejected: server overloaded (utilisation " + Math.round(f.rho * 100) + "%), returning 503";
    }
    if (callees[s].length > 0) {
      return "Call to " + callee(s, r) + " failed: io.grpc.StatusRuntimeException: UNAVAILABLE: upstream connect "
          + "error or disconnect/reset before headers. reset reason: connection failure";
    }
    return "Unhandled exception while processing request " + hex(r, 8) + ": java.lang.IllegalStateException";
  }

  private String callee(int s, SplittableRandom r) {
    return callees[s].length == 0 ? "none" : callees[s][r.nextInt(callees[s].length)];
  }

  static int count(double expected, SplittableRandom r) {
    if (expected <= 0) {
      return 0;
    }
    int whole = (int) Math.min(Integer.MAX_VALUE, expected);
    return whole + (r.nextDouble() < expected - whole ? 1 : 0);
  }

  private static long ms(SplittableRandom r, double mean) {
    return Math.round(mean * (0.5 + r.nextExponential() * 0.5));
  }

  static String hex(SplittableRandom r, int bytes) {
    StringBuilder b = new StringBuilder(bytes * 2);
    for (int i = 0; i < bytes; i++) {
      int v = r.nextInt(256);
      b.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
    }
    return b.toString();
  }

  /** Writes lines of one instance in one tick, with timestamps spread over the tick and placeholders filled. */
  static final class Template {
    final SplittableRandom rng;
    private final ServiceId service;
    private final String instance;
    private final Instant ts;
    private final long tickMillis;
    private final List<LogRecord> out;

    Template(SplittableRandom rng, ServiceId service, String instance, Instant ts, long tickMillis, List<LogRecord> out) {
      this.rng = rng;
      this.service = service;
      this.instance = instance;
      this.ts = ts;
      this.tickMillis = tickMillis;
      this.out = out;
    }

    void line(Severity level, String body) {
      out.add(new LogRecord(ts.plusMillis(rng.nextLong(tickMillis)), service, instance, level, body, "", "", Map.of()));
    }

    /** Fills {peer}, {pod}, {svc}, {n}, {ms}, {ip}, {user}, {hex}. */
    String fill(String template, String peer) {
      if (template.indexOf('{') < 0) {
        return template;
      }
      return template.replace("{peer}", peer).replace("{pod}", instance).replace("{svc}", service.name())
          .replace("{n}", Integer.toString(rng.nextInt(100_000)))
          .replace("{ms}", Integer.toString(200 + rng.nextInt(30_000)))
          .replace("{ip}", "185.220.101." + (1 + rng.nextInt(40)))
          .replace("{user}", "user" + rng.nextInt(1_000_000) + "@example.com")
          .replace("{hex}", hex(rng, 4));
    }
  }
}
