package dev.responder.analysis.rca;

import dev.responder.analysis.trace.TraceAnalyzer;
import dev.responder.analysis.trace.TraceComparison;
import dev.responder.core.incident.FaultType;
import dev.responder.core.telemetry.Span;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trace evidence per service: error origins (failing spans with no failing child) and critical-path self time.
 *
 * <p>Design note: a slow or failing backend makes every caller slow or failing too, so raw span latency and error
 * counts point at the loudest caller. Self time on the critical path (CRISP, Zhang et al., ATC 2022) and the
 * deepest failing span (the error-origin rule of MicroRank and of most tracing UIs) are both unchanged at callers
 * that merely wait on, or pass on the error of, a callee. Without a variance per service, self time counts by its
 * relative increase: doubling it scores like a shift of {@value #DOUBLING_STRENGTH} robust standard deviations.
 */
final class TraceSignal {
  static final double DOUBLING_STRENGTH = 6.0;
  private static final int MIN_SPANS = 5;
  private static final double MIN_SELF_MS = 1.0;

  private TraceSignal() {}

  static Map<ServiceId, Finding> score(IncidentData data, TraceAnalyzer analyzer) {
    List<Span> base = data.spansIn(data.eventBaseline());
    List<Span> win = data.spansIn(data.window());
    Map<ServiceId, Finding> out = new HashMap<>();
    if (win.isEmpty()) {
      return out;
    }
    long windowTraces = win.stream().map(Span::traceId).distinct().count();
    TraceComparison cmp = analyzer.compare(base, win);
    for (TraceComparison.ServiceDelta d : cmp.services()) {
      Finding best = null;
      double observed = d.windowOriginRate() * windowTraces;
      double expected = d.baselineOriginRate() * windowTraces;
      double z = (observed - expected) / Math.sqrt(expected + 1);
      if (z > 0) {
        best = new Finding(z, String.format(Locale.ROOT,
            "trace: origin of %.0f failing spans (%.1f expected from baseline, z %.1f)", observed, expected, z),
            FaultType.UNKNOWN);
      }
      if (d.baselineSpans() >= MIN_SPANS && d.windowSpans() >= MIN_SPANS) {
        double rel = (d.windowSelfMs() - d.baselineSelfMs()) / Math.max(d.baselineSelfMs(), MIN_SELF_MS);
        if (rel > 0) {
          best = Finding.stronger(best, new Finding(rel * DOUBLING_STRENGTH, String.format(Locale.ROOT,
              "trace: critical-path self time %.1f -> %.1f ms per trace (+%.0f %%)", d.baselineSelfMs(),
              d.windowSelfMs(), rel * 100), FaultType.NETWORK_LATENCY));
        }
      }
      best = Finding.stronger(best, gapFinding(d.service(), cmp.edges()));
      if (best != null) {
        out.put(d.service(), best);
      }
    }
    return out;
  }

  /**
   * Network or queueing delay at a service shows on every call edge that touches it (its callers wait longer for
   * its responses, it waits longer for its own callees), while a healthy caller of it sees the delay on one of its
   * edges only: so the median over the service's edges, not the maximum, is the service's evidence.
   */
  private static Finding gapFinding(ServiceId service, List<TraceComparison.EdgeDelta> edges) {
    List<Double> rel = new ArrayList<>();
    for (TraceComparison.EdgeDelta e : edges) {
      boolean touches = e.edge().caller().equals(service) || e.edge().callee().equals(service);
      if (touches && e.baseline() != null && e.baseline().gapCalls() >= MIN_SPANS && e.window().gapCalls() >= MIN_SPANS) {
        rel.add(e.gapMsDelta() / Math.max(e.baseline().meanGapMs(), MIN_SELF_MS));
      }
    }
    if (rel.isEmpty()) {
      return null;
    }
    double median = Robust.median(rel.stream().mapToDouble(Double::doubleValue).toArray());
    if (median <= 0) {
      return null;
    }
    return new Finding(median * DOUBLING_STRENGTH, String.format(Locale.ROOT,
        "trace: call gap (network, queueing) up %.0f %% (median of its %d edges)", median * 100, rel.size()),
        FaultType.NETWORK_LATENCY);
  }
}
