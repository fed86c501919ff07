package dev.responder.analysis.trace;

/**
 * Latency and errors of one call edge: the callee spans whose parent ran in the caller.
 *
 * @param calls  callee spans on this edge
 * @param errors those with error status
 * @param meanMs mean callee span duration, milliseconds
 * @param p95Ms  95th percentile (nearest rank) of the callee span duration, milliseconds
 * @param gapCalls  calls whose caller span has the callee span as its only child (a client span)
 * @param meanGapMs mean of caller span duration minus callee span duration over those calls: the network and
 *                  queueing time of the call as the caller sees it; 0 when {@code gapCalls} is 0
 */
public record EdgeStatistics(CallEdge edge, long calls, long errors, double meanMs, double p95Ms, long gapCalls,
                             double meanGapMs) {
  public double errorRate() {
    return calls == 0 ? 0 : (double) errors / calls;
  }
}
