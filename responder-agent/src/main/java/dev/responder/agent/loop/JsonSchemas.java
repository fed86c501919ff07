package dev.responder.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts the JSON Schema subset our tools declare into LangChain4j's schema types. */
final class JsonSchemas {
  private JsonSchemas() {}

  static JsonObjectSchema toObjectSchema(String tool, JsonNode schema) {
    if (!"object".equals(schema.path("type").asText())) {
      throw new IllegalArgumentException("tool " + tool + " parameters must be of type object but were " + schema);
    }
    return (JsonObjectSchema) element(tool, schema);
  }

  private static JsonSchemaElement element(String tool, JsonNode s) {
    String description = s.has("description") ? s.get("description").asText() : null;
    if (s.has("enum")) {
      List<String> values = new ArrayList<>();
      s.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().description(description).enumValues(values).build();
    }
    String type = s.path("type").asText("");
    return switch (type) {
      case "object" -> {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
          b.addProperty(p.getKey(), element(tool, p.getValue()));
        }
        List<String> required = new ArrayList<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
          b.required(required);
        }
        if (s.path("additionalProperties").isBoolean()) {
          b.additionalProperties(s.get("additionalProperties").asBoolean());
        }
        yield b.build();
      }
      case "array" -> JsonArraySchema.builder().description(description)
          .items(s.has("items") ? element(tool, s.get("items")) : JsonStringSchema.builder().build()).build();
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      default -> throw new IllegalArgumentException("tool " + tool + " uses an unsupported schema type '" + type
          + "' in " + s + "; supported: object, array, string, integer, number, boolean, enum");
    };
  }
}
