package dev.responder.analysis.trace;

import dev.responder.core.telemetry.Span;
import dev.responder.core.topology.ServiceId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Critical-path attribution of trace latency to services.
 *
 * <p>Design note: follows Uber's CRISP (Zhang et al., "CRISP: Critical Path Analysis of Large-Scale Microservice
 * Architectures", USENIX ATC 2022). Walking backwards from a span's end, the child that finished last before the
 * cursor is on the critical path; the gaps between such children are the span's own (self) time. Children are
 * clipped to their parent's interval so clock skew cannot attribute more time than the root span lasted: for
 * every root, the self times on its critical path sum to exactly its duration.
 */
final class CriticalPath {
  private final Map<ServiceId, double[]> acc = new TreeMap<>();

  /** Accumulated [selfNanos, childNanos, spans] per service. */
  Map<ServiceId, double[]> totals() {
    return acc;
  }

  void addTrace(TraceTree tree) {
    for (Span root : tree.roots) {
      walk(tree, root, nanos(root.start()), nanos(root.end()));
    }
  }

  private void walk(TraceTree tree, Span span, long lo, long hi) {
    long start = Math.max(nanos(span.start()), lo);
    long cursor = Math.min(nanos(span.end()), hi);
    if (cursor <= start) {
      return;
    }
    long self = 0;
    long child = 0;
    for (Span c : tree.childrenOf(span)) {
      long cEnd = Math.min(nanos(c.end()), cursor);
      long cStart = Math.max(nanos(c.start()), start);
      if (cEnd <= cStart) {
        continue;
      }
      self += cursor - cEnd;
      child += cEnd - cStart;
      walk(tree, c, cStart, cEnd);
      cursor = cStart;
      if (cursor <= start) {
        break;
      }
    }
    self += cursor - start;
    double[] a = acc.computeIfAbsent(span.service(), k -> new double[3]);
    a[0] += self;
    a[1] += child;
    a[2] += 1;
  }

  static long nanos(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
