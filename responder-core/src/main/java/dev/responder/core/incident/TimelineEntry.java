package dev.responder.core.incident;

import dev.responder.core.telemetry.Attributes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One timestamped step on an incident's timeline.
 *
 * @param kind what happened, e.g. {@code state}, {@code signal}, {@code tool_call}, {@code hypothesis},
 *     {@code diagnosis}, {@code action}, {@code approval}, {@code note}
 * @param attributes structured detail (tokens, cost, tool name, query) for metrics and reports
 */
public record TimelineEntry(Instant ts, String kind, String text, Map<String, String> attributes) {
  public TimelineEntry {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(kind, "kind");
    text = text == null ? "" : text;
    attributes = Attributes.copyOf(attributes);
  }

  public static TimelineEntry of(Instant ts, String kind, String text) {
    return new TimelineEntry(ts, kind, text, Map.of());
  }
}
