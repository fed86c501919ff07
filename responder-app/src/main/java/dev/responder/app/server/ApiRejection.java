package dev.responder.app.server;

/**
 * A request the incident API refuses, with the HTTP status and a message naming the bad value. Local control
 * flow only: thrown by validation inside {@link IncidentApi} and turned into a JSON error reply there, so it never
 * leaves the HTTP adapter (which is why it is not part of the {@code ResponderException} family).
 */
final class ApiRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ApiRejection(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiRejection badRequest(String message) {
    return new ApiRejection(400, message);
  }

  static ApiRejection notFound(String message) {
    return new ApiRejection(404, message);
  }
}
