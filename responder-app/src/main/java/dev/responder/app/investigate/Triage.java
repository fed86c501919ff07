package dev.responder.app.investigate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies an incident from a first survey (anomalies, new log templates, recent changes) into categories, and
 * routes it to the specialists of those categories. Routing is permissive: a missed specialist costs a diagnosis,
 * an extra one only time.
 */
final class Triage {
  /** The categories of an incident. */
  enum Category { LATENCY, ERRORS, SATURATION, DATA, CHANGE, SECURITY }

  private static final Pattern DATA_TEXT = Pattern.compile(
      "hikari|jedis|redis|postgres|statement|no space|consumer group|partitions|smtp|disk|connection is not available",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SECURITY_TEXT = Pattern.compile("login|egress|xmr|credential|denied", Pattern.CASE_INSENSITIVE);

  private Triage() {}

  static Set<Category> classify(JsonNode anomalies, JsonNode patterns, JsonNode changes, Topo topo) {
    Set<Category> out = EnumSet.noneOf(Category.class);
    for (JsonNode a : anomalies.path("anomalies")) {
      if (Math.abs(a.path("score").asDouble()) < 3) {
        continue;
      }
      String metric = a.path("metric").asText().toLowerCase(Locale.ROOT);
      String kind = topo.kindOf(a.path("service").asText());
      if (metric.startsWith("latency")) {
        out.add(Category.LATENCY);
      } else if (metric.equals("error_rate")) {
        out.add(Category.ERRORS);
      } else if (metric.contains("cpu") || metric.contains("threadpool") || metric.contains("memory") || metric.contains("gc")) {
        out.add(Category.SATURATION);
      } else if (metric.contains("connpool") || metric.contains("disk") || metric.contains("lag") || metric.contains("queue")) {
        out.add(Category.DATA);
      } else if (metric.equals("rps")) {
        out.add(Category.SECURITY);
      }
      if (kind.equals("database") || kind.equals("cache") || kind.equals("async_message")) {
        out.add(Category.DATA);
      }
    }
    for (JsonNode t : patterns.path("templates")) {
      String kind = t.path("kind").asText();
      if (!kind.equals("new") && !kind.equals("spiking")) {
        continue;
      }
      String text = t.path("sample").asText();
      if (t.path("level").asText().equals("ERROR") || t.path("level").asText().equals("FATAL")) {
        out.add(Category.ERRORS);
      }
      if (DATA_TEXT.matcher(text).find()) {
        out.add(Category.DATA);
      }
      if (SECURITY_TEXT.matcher(text).find()) {
        out.add(Category.SECURITY);
      }
    }
    if (changes.path("changes").size() > 0) {
      out.add(Category.CHANGE);
    }
    return out;
  }

  static Set<Specialist> route(Set<Category> categories) {
    Set<Specialist> out = EnumSet.of(Specialist.PERFORMANCE);
    for (Category c : categories) {
      out.add(switch (c) {
        case LATENCY, SATURATION -> Specialist.PERFORMANCE;
        case ERRORS -> Specialist.ERRORS;
        case DATA -> Specialist.DATA;
        case CHANGE -> Specialist.CHANGE;
        case SECURITY -> Specialist.SECURITY;
      });
    }
    if (out.size() < 2) {
      out.add(Specialist.ERRORS);
    }
    return out;
  }
}
