package dev.responder.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of an Alertmanager webhook (payload version 4), validated as a whole before any alert is acted on: a
 * bad field is a 400 naming it, so a rejected request changes nothing. Label and annotation values are capped at
 * {@value #MAX_VALUE} characters and kept as data. An alert without a fingerprint gets a stable one from its
 * sorted labels (the first 16 hex digits of their SHA-256).
 */
final class AlertmanagerPayload {
  static final int MAX_ALERTS = 1000;
  static final int MAX_VALUE = 2000;
  static final int MAX_ENTRIES = 256;

  private AlertmanagerPayload() {}

  /** One validated alert of a payload; {@code endsAt} is null while firing. */
  record Alert(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
               Instant endsAt, String generatorUrl, String fingerprint) {
    boolean firing() {
      return status.equals("firing");
    }

    String label(String name) {
      return labels.getOrDefault(name, "");
    }
  }


  static JsonNode parseBody(String body) {
    try {
      JsonNode root = ApiGuard.JSON.readTree(body == null ? "" : body);
      if (root == null || !root.isObject()) {
        throw ApiRejection.badRequest("body must be an Alertmanager webhook JSON object but was '" + abbreviate(body) + "'");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw ApiRejection.badRequest("malformed JSON body: " + e.getOriginalMessage() + " in '" + abbreviate(body) + "'");
    }
  }

  /** Validates every alert of the payload before any is processed. */
  static List<Alert> alerts(JsonNode root) {
    JsonNode version = root.get("version");
    if (version != null && !version.isNull() && !"4".equals(version.asText())) {
      throw ApiRejection.badRequest("unsupported Alertmanager payload version '" + version.asText() + "'; supported: 4");
    }
    JsonNode alerts = root.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw ApiRejection.badRequest("field 'alerts' must be an array but was " + (alerts == null ? "missing" : abbreviate(alerts.toString())));
    }
    if (alerts.size() > MAX_ALERTS) {
      throw ApiRejection.badRequest("too many alerts: " + alerts.size() + " in one request, at most " + MAX_ALERTS
          + "; set max_alerts in Alertmanager's webhook_config");
    }
    List<Alert> out = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      out.add(alert(alerts.get(i), "alerts[" + i + "]"));
    }
    return out;
  }

  private static Alert alert(JsonNode a, String where) {
    if (!a.isObject()) {
      throw ApiRejection.badRequest(where + " must be an object but was " + abbreviate(a.toString()));
    }
    String status = text(a.get("status"));
    if (!status.equals("firing") && !status.equals("resolved")) {
      throw ApiRejection.badRequest(where + ".status must be 'firing' or 'resolved' but was " + abbreviate(String.valueOf(a.get("status"))));
    }
    Map<String, String> labels = strings(a.get("labels"), where + ".labels");
    Map<String, String> annotations = strings(a.get("annotations"), where + ".annotations");
    Instant startsAt = time(a.get("startsAt"), where + ".startsAt");
    if (startsAt == null) {
      throw ApiRejection.badRequest(where + ".startsAt is required, an RFC 3339 time such as 2026-03-01T10:00:00Z, but was missing");
    }
    Instant endsAt = status.equals("resolved") ? time(a.get("endsAt"), where + ".endsAt") : null;
    if (status.equals("resolved") && endsAt == null) {
      throw ApiRejection.badRequest(where + ".endsAt is required on a resolved alert but was missing");
    }
    String fingerprint = text(a.get("fingerprint"));
    if (fingerprint.isEmpty()) {
      if (labels.isEmpty()) {
        throw ApiRejection.badRequest(where + " has neither a fingerprint nor labels to identify it");
      }
      fingerprint = fingerprint(labels);
    } else if (!fingerprint.matches("[A-Za-z0-9_-]{1,64}")) {
      throw ApiRejection.badRequest(where + ".fingerprint must be 1-64 letters, digits, '_' or '-' but was '"
          + abbreviate(fingerprint) + "'");
    }
    return new Alert(status, labels, annotations, startsAt, endsAt, cap(text(a.get("generatorURL"))), fingerprint);
  }

  /** The stable fingerprint of an alert that came without one; see the class comment. */
  static String fingerprint(Map<String, String> labels) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0xff);
        sha.update(e.getValue().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0xff);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static Map<String, String> strings(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw ApiRejection.badRequest(where + " must be an object of strings but was " + abbreviate(node.toString()));
    }
    if (node.size() > MAX_ENTRIES) {
      throw ApiRejection.badRequest(where + " has " + node.size() + " entries, at most " + MAX_ENTRIES);
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().isEmpty() || e.getKey().length() > 200) {
        throw ApiRejection.badRequest(where + " has a name of " + e.getKey().length() + " characters; names must have 1-200");
      }
      if (!e.getValue().isValueNode()) {
        throw ApiRejection.badRequest(where + "." + e.getKey() + " must be a string but was " + abbreviate(e.getValue().toString()));
      }
      out.put(e.getKey(), cap(e.getValue().isNull() ? "" : e.getValue().asText()));
    }
    return out;
  }

  /** An RFC 3339 time, or null when absent or Go's zero time (which Alertmanager sends for "not yet ended"). */
  private static Instant time(JsonNode node, String where) {
    String text = text(node);
    if (text.isEmpty()) {
      return null;
    }
    try {
      Instant t = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
      return t.atOffset(ZoneOffset.UTC).getYear() <= 1 ? null : t;
    } catch (DateTimeParseException e) {
      throw ApiRejection.badRequest(where + " must be an RFC 3339 time such as 2026-03-01T10:00:00Z but was '"
          + abbreviate(text) + "'");
    }
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() || !node.isValueNode() ? "" : node.asText();
  }

  static String cap(String value) {
    return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "...[truncated]";
  }

  private static String abbreviate(String s) {
    String t = s == null ? "" : s;
    return t.length() <= 80 ? t : t.substring(0, 80) + "...";
  }
}
