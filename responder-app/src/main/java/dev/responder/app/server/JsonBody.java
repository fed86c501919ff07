package dev.responder.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A validated JSON object request body: every field is checked for type and unknown fields are refused. */
final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 4000;
  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /** Parses the body, which must be a JSON object holding only {@code allowed} fields. */
  static JsonBody parse(String body, Set<String> allowed) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw ApiRejection.badRequest("malformed JSON body: " + e.getOriginalMessage() + " in '" + abbreviate(body) + "'");
    }
    if (root == null || !root.isObject()) {
      throw ApiRejection.badRequest("body must be a JSON object but was '" + abbreviate(body) + "'");
    }
    List<String> unknown = new ArrayList<>();
    root.fieldNames().forEachRemaining(f -> {
      if (!allowed.contains(f)) {
        unknown.add(f);
      }
    });
    if (!unknown.isEmpty()) {
      throw ApiRejection.badRequest("unknown field(s) " + unknown + "; allowed: " + new TreeSet<>(allowed));
    }
    return new JsonBody(root);
  }

  /** A non-blank string field that must be present. */
  String requiredText(String field) {
    String value = optionalText(field);
    if (value.isBlank()) {
      throw ApiRejection.badRequest("field '" + field + "' is required and must be a non-blank string but was "
          + (root.has(field) ? "'" + value + "'" : "missing"));
    }
    return value;
  }

  /** A string field, or empty when absent or null. */
  String optionalText(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw ApiRejection.badRequest("field '" + field + "' must be a string but was " + node);
    }
    if (node.asText().length() > MAX_TEXT) {
      throw ApiRejection.badRequest("field '" + field + "' must be at most " + MAX_TEXT + " characters but was "
          + node.asText().length());
    }
    return node.asText();
  }

  /** A boolean field, or null when absent. */
  Boolean optionalBoolean(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw ApiRejection.badRequest("field '" + field + "' must be true or false but was " + node);
    }
    return node.booleanValue();
  }

  private static String abbreviate(String body) {
    String s = body == null ? "" : body;
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
