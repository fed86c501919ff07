package dev.responder.core.query;

import dev.responder.core.telemetry.Severity;
import java.util.Objects;

/**
 * Log lines in a window, newest first. Null filters match all; {@code minLevel} keeps lines at or above it;
 * {@code text} matches a case-insensitive substring of the body.
 */
public record LogQuery(String service, Severity minLevel, String text, TimeWindow window, int limit) {
  public LogQuery {
    Objects.requireNonNull(window, "window");
    if (text != null && text.isEmpty()) {
      text = null;
    }
    Limits.check(limit);
  }
}
