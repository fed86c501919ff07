package dev.responder.app.otlp;

import dev.responder.core.telemetry.TelemetryBatch;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of an {@link OtlpReceiver}: what was accepted, and what was rejected for which reason.
 * Thread-safe; counters only grow.
 */
public final class OtlpStats {
  private final AtomicLong acceptedRequests = new AtomicLong();
  private final AtomicLong acceptedMetricPoints = new AtomicLong();
  private final AtomicLong acceptedLogRecords = new AtomicLong();
  private final AtomicLong acceptedSpans = new AtomicLong();
  private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);

  OtlpStats() {
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, new AtomicLong());
    }
  }

  void countAccepted(TelemetryBatch batch) {
    acceptedRequests.incrementAndGet();
    acceptedMetricPoints.addAndGet(batch.metrics().size());
    acceptedLogRecords.addAndGet(batch.logs().size());
    acceptedSpans.addAndGet(batch.spans().size());
  }

  void countRejected(RejectReason reason) {
    rejected.get(reason).incrementAndGet();
  }

  /** Requests stored so far. */
  public long acceptedRequests() {
    return acceptedRequests.get();
  }

  /** Requests rejected for {@code reason} so far. */
  public long rejected(RejectReason reason) {
    return rejected.get(reason).get();
  }

  /**
   * All counters by name, sorted: {@code accepted_requests}, {@code accepted_metric_points},
   * {@code accepted_log_records}, {@code accepted_spans} and one {@code rejected_<reason>} per
   * {@link RejectReason#key()}, zero counters included so the set of keys never changes.
   */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    out.put("accepted_requests", acceptedRequests.get());
    out.put("accepted_metric_points", acceptedMetricPoints.get());
    out.put("accepted_log_records", acceptedLogRecords.get());
    out.put("accepted_spans", acceptedSpans.get());
    rejected.forEach((reason, count) -> out.put("rejected_" + reason.key(), count.get()));
    return Collections.unmodifiableMap(out);
  }
}
