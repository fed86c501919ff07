package dev.responder.app.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.responder.core.query.TimeWindow;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Typed access to a tool call's arguments; a bad value throws IllegalArgumentException naming it. */
final class Args {
  private final String tool;
  private final JsonNode node;

  Args(String tool, JsonNode node) {
    this.tool = tool;
    this.node = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    if (!this.node.isObject()) {
      throw new IllegalArgumentException("arguments must be a JSON object but were " + node);
    }
  }

  String text(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
  }

  String required(String key) {
    String v = text(key);
    if (v == null) {
      throw new IllegalArgumentException("argument '" + key + "' is required");
    }
    return v;
  }

  int limit(int defaultValue, int max) {
    JsonNode v = node.get("limit");
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.canConvertToInt() && !v.isTextual()) {
      throw new IllegalArgumentException("limit must be an integer but was " + v);
    }
    int n = v.isTextual() ? parseInt(v.asText()) : v.asInt();
    if (n < 1 || n > max) {
      throw new IllegalArgumentException("limit must be in 1.." + max + " but was " + n);
    }
    return n;
  }

  int integer(String key, int defaultValue, int min, int max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    int n = v.isTextual() ? parseInt(v.asText()) : v.asInt();
    if (n < min || n > max) {
      throw new IllegalArgumentException(key + " must be in " + min + ".." + max + " but was " + n);
    }
    return n;
  }

  double number(String key, double defaultValue) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isNumber() && !(v.isTextual() && v.asText().matches("-?[0-9.]+"))) {
      throw new IllegalArgumentException(key + " must be a number but was " + v);
    }
    return v.asDouble();
  }

  boolean flag(String key) {
    JsonNode v = node.get(key);
    return v != null && (v.asBoolean() || "true".equalsIgnoreCase(v.asText()));
  }

  /** The window named by {@code from}/{@code to} (ISO-8601), each defaulting to the given window's end. */
  TimeWindow window(TimeWindow defaults) {
    Instant from = instant("from", defaults.from());
    Instant to = instant("to", defaults.to());
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("'to' must be after 'from' but was " + from + " .. " + to);
    }
    return TimeWindow.of(from, to);
  }

  private Instant instant(String key, Instant defaultValue) {
    String v = text(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be an ISO-8601 instant such as 2026-11-01T12:00:00Z but was '" + v + "'", e);
    }
  }

  private int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected an integer but was '" + s + "' (" + tool + ")", e);
    }
  }

  String json() {
    return node.toString();
  }
}
