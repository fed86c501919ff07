package dev.responder.core.query;

import java.util.Objects;

/**
 * Which (service, metric) pairs moved most between a baseline window and a window of interest.
 * A null {@code service} ranks across all services.
 */
public record DeviationQuery(String service, TimeWindow window, TimeWindow baseline, int limit) {
  public DeviationQuery {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(baseline, "baseline");
    Limits.check(limit);
  }
}
