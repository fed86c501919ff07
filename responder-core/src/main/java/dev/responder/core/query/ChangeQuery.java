package dev.responder.core.query;

import dev.responder.core.telemetry.ChangeEvent;
import java.util.Objects;

/** Change events in a window, newest first; null filters match all. */
public record ChangeQuery(String service, ChangeEvent.Kind kind, TimeWindow window, int limit) {
  public ChangeQuery {
    Objects.requireNonNull(window, "window");
    Limits.check(limit);
  }
}
