package dev.responder.core.query;

import java.util.Objects;

/** Per-edge call statistics in a window; a non-null {@code service} keeps edges where it is caller or callee. */
public record EdgeQuery(String service, TimeWindow window, int limit) {
  public EdgeQuery {
    Objects.requireNonNull(window, "window");
    Limits.check(limit);
  }
}
