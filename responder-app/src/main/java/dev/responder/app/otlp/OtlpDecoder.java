package dev.responder.app.otlp;

import dev.responder.core.telemetry.TelemetryBatch;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Turns OTLP export requests (protobuf or JSON, as OTLP/HTTP defines them) into {@link TelemetryBatch}es.
 *
 * <p>Conversion rules, so that stored values need no further interpretation:
 * <ul>
 *   <li>Resource attribute {@code service.name} is the service (required); {@code service.instance.id},
 *       else {@code host.name}, is the instance. Data point attributes become labels (arrays and maps as JSON).
 *   <li>Gauges and non-monotonic sums are levels, stored as they are.
 *   <li>Monotonic sums become per-second rates: a delta point is divided by its interval; a cumulative point
 *       is differenced against the previous point of the same series (a counter reset counts the new value as
 *       the increase since its start), and the first point of a series is divided by the time since its start.
 *       A cumulative point that is not newer than the last one seen for its series yields nothing.
 *   <li>Histograms (explicit and exponential) and summaries become {@code <name>.p50}, {@code .p95},
 *       {@code .p99} (quantiles interpolated linearly within a bucket, as Prometheus' histogram_quantile does),
 *       {@code <name>.count} (observations per second) and {@code <name>.avg} (sum / count over the interval).
 *       Cumulative histograms are differenced bucket by bucket against the previous point of the series.
 *   <li>Log {@code timeUnixNano}, else {@code observedTimeUnixNano}, else the receive time, is the log's time.
 *       Spans get {@code span.kind} (SERVER, CLIENT, ...) and, when set, {@code status.message} attributes.
 * </ul>
 * The previous point of each cumulative series is kept in a bounded LRU shared by all calls, so an instance is
 * meant to live as long as the ingest endpoint. Implementations are thread-safe.
 */
public interface OtlpDecoder {

  /** Which export service a request is for. */
  enum Signal { METRICS, LOGS, TRACES }

  /** The two OTLP/HTTP body encodings. */
  enum Encoding { PROTOBUF, JSON }

  /** The outcome of decoding one request: errors are data at this boundary. */
  sealed interface Result permits Accepted, Rejected {}

  /** The request decoded into this batch, possibly empty. */
  record Accepted(TelemetryBatch batch) implements Result {
    public Accepted {
      Objects.requireNonNull(batch, "batch");
    }
  }

  /** The request was refused; {@code message} says what was wrong and where, for the client to read. */
  record Rejected(RejectReason reason, String message) implements Result {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A decoder that checks timestamps against {@code clock} with {@link OtlpSettings#maxFutureSkew()}.
   */
  static OtlpDecoder create(OtlpSettings settings, InstantSource clock) {
    return new DefaultOtlpDecoder(settings, clock, DefaultOtlpDecoder.DEFAULT_MAX_SERIES);
  }

  /**
   * Decodes one export request body ({@code ExportMetricsServiceRequest}, {@code ExportLogsServiceRequest}
   * or {@code ExportTraceServiceRequest} per {@code signal}). All or nothing: a request with one bad item is
   * rejected whole, and a rejected request leaves the cumulative-series state untouched.
   */
  Result decode(Signal signal, Encoding encoding, byte[] body);

  /**
   * Decodes an OTLP JSON file, as {@code responder ingest} reads it: either one export request (of any of the
   * three kinds, told apart by the top-level key {@code resourceMetrics}, {@code resourceLogs} or
   * {@code resourceSpans}), or the OpenTelemetry Collector file exporter's format, one request per line
   * (JSON Lines) in any mix of kinds. All requests go into one batch, all or nothing. Timestamps are checked
   * as in {@link #decode}, so files stamped ahead of the clock need a larger {@link OtlpSettings#maxFutureSkew()}.
   *
   * @throws dev.responder.core.error.PermanentException naming the line of the first bad request
   */
  TelemetryBatch decodeJsonFile(byte[] content);
}
