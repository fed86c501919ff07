package dev.responder.core.query;

/**
 * Call statistics of one caller-to-callee edge, from client/server span pairs whose services differ.
 * Latencies are the callee span's duration in milliseconds.
 */
public record EdgeStats(String caller, String callee, long calls, long errors, double avgMs, double p95Ms, double maxMs) {
  public double errorRate() {
    return calls == 0 ? 0 : (double) errors / calls;
  }
}
