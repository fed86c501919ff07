package dev.responder.core.telemetry;

import java.util.Map;
import java.util.TreeMap;

/** Helpers for the string-to-string attribute maps of telemetry records: sorted, immutable, null-free. */
public final class Attributes {
  private Attributes() {}

  /** An immutable copy with keys in sorted order, so that equal maps serialise identically. */
  public static Map<String, String> copyOf(Map<String, String> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    return java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
