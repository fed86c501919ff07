package dev.responder.app.otlp;

/**
 * A refused request, thrown from deep inside decoding to leave it in one step. It never escapes this
 * package: {@link DefaultOtlpDecoder} turns it into {@link OtlpDecoder.Rejected} (data, for HTTP) or a
 * {@link dev.responder.core.error.PermanentException} (for files). It is an expected outcome, not a bug,
 * so it carries no stack trace.
 */
final class Rejection extends RuntimeException {
  private final RejectReason reason;

  Rejection(RejectReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  RejectReason reason() {
    return reason;
  }
}
