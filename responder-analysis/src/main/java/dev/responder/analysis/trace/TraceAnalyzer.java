package dev.responder.analysis.trace;

import dev.responder.core.telemetry.Span;
import dev.responder.core.topology.DependencyEdge;
import java.util.List;

/**
 * Deterministic analyses of a set of spans. Spans are grouped by trace id; a span whose parent is absent from its
 * trace counts as a root. Results are sorted (by service or edge) so the same spans give the same output.
 */
public interface TraceAnalyzer {

  /** The default analyzer. */
  static TraceAnalyzer create() {
    return new DefaultTraceAnalyzer();
  }

  /** Calls, errors and latency per caller-to-callee edge; spans calling their own service are not edges. */
  List<EdgeStatistics> edgeStatistics(List<Span> spans);

  /** The service dependency graph the spans show, as synchronous-call edges. */
  List<DependencyEdge> inferEdges(List<Span> spans);

  /** Critical-path time per service, summed over all traces (self time versus time waiting on children). */
  List<ServiceTime> criticalPath(List<Span> spans);

  /** Per service, the failing spans that have no failing child: the deepest point of each error chain. */
  List<ErrorOrigin> errorOrigins(List<Span> spans);

  /** Per-service and per-edge deltas of {@code window} against {@code baseline}. */
  TraceComparison compare(List<Span> baseline, List<Span> window);
}
