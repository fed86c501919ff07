package dev.responder.analysis.trace;

import dev.responder.core.topology.ServiceId;
import java.util.List;

/**
 * A window of traces compared with a baseline window. Rates are per trace so windows of different lengths or
 * traffic compare fairly.
 */
public record TraceComparison(List<ServiceDelta> services, List<EdgeDelta> edges) {
  public TraceComparison {
    services = List.copyOf(services);
    edges = List.copyOf(edges);
  }

  /**
   * One service: mean critical-path self time per trace it appears in, and error origins per trace.
   * {@code baseline*} fields are zero when the service did not appear in the baseline.
   */
  public record ServiceDelta(ServiceId service, double baselineSelfMs, double windowSelfMs,
                             double baselineOriginRate, double windowOriginRate, long baselineSpans, long windowSpans) {
    public double selfMsDelta() {
      return windowSelfMs - baselineSelfMs;
    }

    public double originRateDelta() {
      return windowOriginRate - baselineOriginRate;
    }
  }

  /** One call edge, with its statistics in both windows; {@code baseline} is null for an edge new in the window. */
  public record EdgeDelta(CallEdge edge, EdgeStatistics baseline, EdgeStatistics window) {
    public double meanMsDelta() {
      return window.meanMs() - (baseline == null ? 0 : baseline.meanMs());
    }

    /** Change of the mean caller-side gap (network and queueing time); 0 when either window lacks gap samples. */
    public double gapMsDelta() {
      return baseline == null || baseline.gapCalls() == 0 || window.gapCalls() == 0 ? 0
          : window.meanGapMs() - baseline.meanGapMs();
    }

    public double errorRateDelta() {
      return window.errorRate() - (baseline == null ? 0 : baseline.errorRate());
    }
  }
}
