package dev.responder.app.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A small builder of the JSON-schema subset tools declare: an object with typed, described properties. */
final class Schema {
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final ObjectNode props;
  private final ArrayNode required;

  private Schema() {
    root.put("type", "object");
    props = root.putObject("properties");
    required = root.putArray("required");
  }

  static Schema object() {
    return new Schema();
  }

  Schema string(String name, String description) {
    props.putObject(name).put("type", "string").put("description", description);
    return this;
  }

  Schema integer(String name, String description) {
    props.putObject(name).put("type", "integer").put("description", description);
    return this;
  }

  Schema number(String name, String description) {
    props.putObject(name).put("type", "number").put("description", description);
    return this;
  }

  Schema bool(String name, String description) {
    props.putObject(name).put("type", "boolean").put("description", description);
    return this;
  }

  Schema oneOf(String name, String description, List<String> values) {
    ObjectNode p = props.putObject(name).put("type", "string").put("description", description);
    values.forEach(p.putArray("enum")::add);
    return this;
  }

  /** Optional {@code from} and {@code to} instants, defaulting to the incident window. */
  Schema window() {
    return string("from", "Start, ISO-8601 (default: the incident window's start)")
        .string("to", "End, ISO-8601 (default: the incident window's end)");
  }

  Schema limit(int max) {
    return integer("limit", "Most items to return, 1.." + max);
  }

  Schema require(String... names) {
    for (String n : names) {
      required.add(n);
    }
    return this;
  }

  JsonNode build() {
    return root;
  }
}
