package dev.responder.sim;

import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Head-sampled traces: a fraction of each endpoint's requests is followed through its call graph, one span per
 * call with parent/child links; children run one after another inside their parent; a failed child fails a
 * non-optional parent; a consumer's span hangs off the producer's span and starts after the queue's lag.
 * Each failed span writes an ERROR log line carrying its trace and span ids.
 */
final class TraceEmitter {
  private static final Map<String, String> ERROR_ATTRS = Map.of("http.status_code", "500");
  private final CallGraph g;
  private final long seed;
  private final double dt;
  private final double rate;

  TraceEmitter(CallGraph graph, long seed, double dtSeconds, double rate) {
    this.g = graph;
    this.seed = seed;
    this.dt = dtSeconds;
    this.rate = rate;
  }

  void emit(Snapshot snap, Instant ts, List<Span> spans, List<LogRecord> logs) {
    if (rate <= 0) {
      return;
    }
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, snap.tick, Seeds.TRACES));
    long tickMicros = (long) (dt * 1_000_000);
    for (int e = 0; e < g.roots.length; e++) {
      int n = LogEmitter.count(snap.endpointRps[e] * dt * rate, r);
      for (int k = 0; k < n; k++) {
        String trace = LogEmitter.hex(r, 16);
        Instant start = ts.plusNanos(r.nextLong(tickMicros) * 1000);
        span(g.roots[e], trace, "", start, snap, r, spans, logs);
      }
    }
  }

  /** Emits the node's span and its children's; returns {duration micros, failed 0/1}. */
  private long[] span(int node, String trace, String parent, Instant start, Snapshot snap, SplittableRandom r,
                      List<Span> spans, List<LogRecord> logs) {
    String id = LogEmitter.hex(r, 8);
    int s = g.service[node];
    long self = micros(snap.selfLatency[s], r);
    long cursor = self / 2;
    boolean failed = r.nextDouble() < snap.selfError[s];
    for (int c : g.children[node]) {
      if (g.via[c] >= 0) {
        double lagSeconds = Math.min(600, snap.lag[g.service[c]] == 0 ? 0.05 : snap.lag[g.service[c]] / Math.max(1, snap.nodeRate[c]));
        Instant consumerStart = start.plusNanos((cursor + (long) (lagSeconds * 1_000_000)) * 1000);
        span(c, trace, id, consumerStart, snap, r, spans, logs);
        cursor += micros(snap.selfLatency[g.via[c]], r);
        continue;
      }
      if (g.missOf[c] >= 0 && r.nextDouble() < snap.hit[g.missOf[c]]) {
        continue;
      }
      int calls = (int) Math.max(1, Math.round(g.count[c]));
      for (int k = 0; k < calls; k++) {
        long[] child = span(c, trace, id, start.plusNanos(cursor * 1000), snap, r, spans, logs);
        cursor += child[0];
        boolean fallback = g.optional[c] || g.spec(g.service[c]).kind() == ServiceSpec.Kind.CACHE;
        failed |= child[1] == 1 && !fallback;
      }
    }
    long duration = cursor + self - self / 2;
    spans.add(new Span(trace, id, parent, g.id(s), g.operation[node], start, Duration.ofNanos(duration * 1000),
        failed ? SpanStatus.ERROR : SpanStatus.OK, failed ? ERROR_ATTRS : Map.of()));
    if (failed && g.spec(s).operated()) {
      logs.add(new LogRecord(start.plusNanos(duration * 1000), g.id(s), "", Severity.ERROR,
          g.operation[node] + " failed after " + duration / 1000 + " ms", trace, id, Map.of()));
    }
    return new long[] {duration, failed ? 1 : 0};
  }

  private static long micros(double meanMs, SplittableRandom r) {
    return Math.max(1, Math.round(meanMs * 1000 * (0.6 + 0.4 * r.nextExponential())));
  }
}
