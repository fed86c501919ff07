package dev.responder.app.otlp;

import java.util.Locale;

/** Why an OTLP export request was refused. Each reason is one counter in {@link OtlpStats}. */
public enum RejectReason {
  /** The body is not valid protobuf or JSON for the endpoint's request type, or not valid gzip. */
  MALFORMED(400),
  /** A resource carries no {@code service.name}; Responder cannot attribute its telemetry. */
  MISSING_SERVICE_NAME(400),
  /** A metric point or span has a zero timestamp. */
  ZERO_TIMESTAMP(400),
  /** A timestamp lies further in the future than {@link OtlpSettings#maxFutureSkew()} allows. */
  FUTURE_TIMESTAMP(400),
  /** Structurally valid but unusable data: ids of the wrong length, a span ending before it starts, ... */
  INVALID_DATA(400),
  /** The body, compressed or decompressed, exceeds {@link OtlpSettings#maxBodyBytes()}. */
  BODY_TOO_LARGE(413),
  /** A content type or content encoding other than the accepted ones. */
  UNSUPPORTED_MEDIA_TYPE(415),
  /** The sink failed with a transient error (store down); the client should retry. */
  SINK_UNAVAILABLE(503),
  /** The sink failed permanently; retrying the same request will not help. */
  SINK_FAILED(500);

  private final int httpStatus;

  RejectReason(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the receiver answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The lower-case name used as a counter key, e.g. {@code missing_service_name}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
