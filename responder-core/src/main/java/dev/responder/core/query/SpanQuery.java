package dev.responder.core.query;

import java.util.Objects;

/**
 * Spans in a window. Null filters match all; {@code slowestFirst} orders by duration descending,
 * otherwise by start time.
 */
public record SpanQuery(String service, String operation, String traceId, TimeWindow window, boolean errorsOnly,
                        boolean slowestFirst, int limit) {
  public SpanQuery {
    Objects.requireNonNull(window, "window");
    Limits.check(limit);
  }
}
