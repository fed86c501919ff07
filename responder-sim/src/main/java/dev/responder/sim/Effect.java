package dev.responder.sim;

/**
 * What an impairment does to the service (or the instances) it applies to while its trigger holds. Faults are
 * combinations of these; the queueing model turns them into latency, errors and saturation.
 */
sealed interface Effect {
  /** Each request costs this many times the normal CPU (a hot code path, bcrypt under attack). */
  record CpuCost(double factor) implements Effect {}

  /** Only this fraction of the instance's CPU is available to it (CPU steal by a neighbour). */
  record Capacity(double factor) implements Effect {}

  /** A foreign process burns this many cores inside the instance (a crypto miner). */
  record Burn(double cores) implements Effect {}

  /** This fraction of the requests the service handles fails, with the given exception text in its logs. */
  record Errors(double rate) implements Effect {}

  /** Extra latency on every request. */
  record Latency(double ms) implements Effect {}

  /** Heap grows by this many bytes per second until the container is OOM-killed. */
  record MemoryLeak(double bytesPerSecond) implements Effect {}

  /** The disk fills by this fraction of its size per second. */
  record DiskFill(double ratioPerSecond) implements Effect {}

  /** This fraction of the request threads is stuck for good (a deadlock). */
  record ThreadsBlocked(double fraction) implements Effect {}

  /** Database connections leak (are never returned to the pool) at this rate per second. */
  record ConnectionLeak(double perSecond) implements Effect {}

  /** Traffic of endpoints that reach the service is multiplied (a sale, a viral post). */
  record LoadSurge(double factor) implements Effect {}

  /** Extra requests per second from attackers on the endpoints whose name contains {@code endpointPart}. */
  record Attack(double rps, String endpointPart) implements Effect {}

  /** The service's queries take this many times longer and cost this many times more (a missing index). */
  record SlowQueries(double factor) implements Effect {}

  /** The service is unreachable: calls to it fail and it serves nothing. */
  record Down() implements Effect {}

  /** The cache serves misses only (cold after a restart, flushed): the hit ratio is scaled by {@code factor}. */
  record CacheHits(double factor) implements Effect {}

  /**
   * Calls from the service to {@code peer} (every callee when null) get extra latency and fail with this rate;
   * {@code blocking} failures (refused, DNS, TLS) never reach the callee.
   */
  record EdgeFault(dev.responder.core.topology.ServiceId peer, double latencyMs, double errorRate, boolean blocking)
      implements Effect {}

  /** Calls into the service from every caller fail before reaching it (an expired server certificate). */
  record InboundFailure(double rate) implements Effect {}

  /** Calls from the service to {@code peer} are attempted this many times as often (aggressive retries). */
  record RetryAmplification(dev.responder.core.topology.ServiceId peer, double factor) implements Effect {}

  /** The consumer processes each message this many times slower. */
  record SlowConsumer(double factor) implements Effect {}
}
