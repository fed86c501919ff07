package dev.responder.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks tool arguments against the subset of JSON Schema that tools declare (type, properties, required, enum,
 * items), so that a model's malformed call is answered with a precise message instead of reaching the tool.
 */
final class ArgumentValidator {
  private ArgumentValidator() {}

  /** The problems found, empty when the arguments are valid. */
  static List<String> problems(JsonNode schema, JsonNode arguments) {
    List<String> problems = new ArrayList<>();
    check(schema, arguments, "arguments", problems);
    return problems;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    String type = schema.path("type").asText("");
    if (!type.isEmpty() && !hasType(value, type)) {
      problems.add(path + " must be " + article(type) + " but was " + describe(value));
      return;
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
      problems.add(path + " must be one of " + allowed + " but was " + value);
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText()) || value.get(required.asText()).isNull()) {
          problems.add(path + " is missing the required field '" + required.asText() + "'");
        }
      }
      JsonNode properties = schema.path("properties");
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        JsonNode fieldSchema = properties.get(field.getKey());
        if (fieldSchema != null) {
          if (!field.getValue().isNull()) {
            check(fieldSchema, field.getValue(), path + "." + field.getKey(), problems);
          }
        } else if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
          problems.add(path + " has the unknown field '" + field.getKey() + "'; known: " + fieldNames(properties));
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> true;
    };
  }

  private static boolean contains(JsonNode allowed, JsonNode value) {
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> fieldNames(JsonNode properties) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      names.add(p.getKey());
    }
    return names;
  }

  private static String article(String type) {
    return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
  }

  private static String describe(JsonNode value) {
    String kind = value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    return kind + " " + value;
  }
}
