package dev.responder.app.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * Reads OTLP/JSON into protobuf builders by walking the message descriptors, so both encodings meet in
 * the same generated classes and convert identically. It follows the protobuf JSON mapping with OTLP's
 * deviations: {@code traceId}, {@code spanId} and {@code parentSpanId} are hex, not base64; enums may be
 * integers (or names); 64-bit integers may be strings or numbers; keys may be lowerCamelCase or
 * snake_case; unknown keys are ignored, as the specification requires of receivers.
 *
 * <p>We use Jackson's streaming parser rather than protobuf-java-util's JsonFormat: JsonFormat would need
 * a rewrite of the hex ids first, and brings Guava and Gson along.
 */
final class OtlpJson {
  /** Deep enough for any real request (AnyValue may nest), shallow enough that recursion cannot overflow. */
  private static final int MAX_DEPTH = 100;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();

  private OtlpJson() {}

  /** Merges one JSON object, and nothing after it, into {@code builder}. */
  static void merge(byte[] body, Message.Builder builder) {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("expected a JSON object", p);
      }
      mergeObject(p, builder);
      if (p.nextToken() != null) {
        throw malformed("unexpected content after the request object", p);
      }
    } catch (JsonProcessingException e) {
      throw malformed(e.getOriginalMessage(), e.getLocation());
    } catch (IOException e) {
      throw new Rejection(RejectReason.MALFORMED, "unreadable JSON body: " + e.getMessage());
    }
  }

  /**
   * Reads a sequence of top-level JSON objects (JSON Lines, or one pretty-printed document) and hands each
   * request, built by its top-level key, to {@code handler} with the line it starts on.
   */
  static void forEachRequest(byte[] content, ObjIntConsumer<Message> handler) {
    try (JsonParser p = FACTORY.createParser(content)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        int line = p.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
          throw malformed("expected a JSON object", p);
        }
        Message.Builder builder = readRequest(p);
        if (builder == null) {
          throw new Rejection(RejectReason.MALFORMED, "line " + line
              + ": expected a request with resourceMetrics, resourceLogs or resourceSpans");
        }
        handler.accept(builder.build(), line);
      }
    } catch (JsonProcessingException e) {
      throw malformed(e.getOriginalMessage(), e.getLocation());
    } catch (IOException e) {
      throw new Rejection(RejectReason.MALFORMED, "unreadable JSON: " + e.getMessage());
    }
  }

  /** Reads an object whose request type is told by its first known key; null when it has none. */
  private static Message.Builder readRequest(JsonParser p) throws IOException {
    Message.Builder builder = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (builder == null) {
        builder = builderFor(name);
      }
      FieldDescriptor field = builder == null ? null : find(builder.getDescriptorForType(), name);
      if (field == null) {
        p.skipChildren();
      } else {
        mergeField(p, builder, field);
      }
    }
    return builder;
  }

  private static Message.Builder builderFor(String key) {
    return switch (key) {
      case "resourceMetrics", "resource_metrics" -> ExportMetricsServiceRequest.newBuilder();
      case "resourceLogs", "resource_logs" -> ExportLogsServiceRequest.newBuilder();
      case "resourceSpans", "resource_spans" -> ExportTraceServiceRequest.newBuilder();
      default -> null;
    };
  }

  /** Merges the fields of the object whose START_OBJECT is the current token. */
  private static void mergeObject(JsonParser p, Message.Builder builder) throws IOException {
    Descriptor type = builder.getDescriptorForType();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      FieldDescriptor field = find(type, p.currentName());
      p.nextToken();
      if (field == null) {
        p.skipChildren();
      } else {
        mergeField(p, builder, field);
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw malformed("unexpected " + t + " in " + type.getName(), p);
    }
  }

  private static FieldDescriptor find(Descriptor type, String name) {
    List<FieldDescriptor> fields = type.getFields();
    for (int i = 0; i < fields.size(); i++) {
      FieldDescriptor f = fields.get(i);
      if (f.getJsonName().equals(name) || f.getName().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static void mergeField(JsonParser p, Message.Builder builder, FieldDescriptor field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    if (!field.isRepeated()) {
      builder.setField(field, readValue(p, builder, field));
      return;
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw malformed("field '" + field.getJsonName() + "' must be an array but was " + p.currentToken(), p);
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_NULL) {
        builder.addRepeatedField(field, readValue(p, builder, field));
      }
    }
  }

  private static Object readValue(JsonParser p, Message.Builder parent, FieldDescriptor field) throws IOException {
    return switch (field.getJavaType()) {
      case MESSAGE -> {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw malformed("field '" + field.getJsonName() + "' must be an object but was " + p.currentToken(), p);
        }
        Message.Builder child = parent.newBuilderForField(field);
        mergeObject(p, child);
        yield child.build();
      }
      case INT -> (int) readInteger(p, field);
      case LONG -> readInteger(p, field);
      case DOUBLE -> readDouble(p, field);
      case FLOAT -> (float) readDouble(p, field);
      case BOOLEAN -> readBoolean(p, field);
      case STRING -> readString(p, field);
      case BYTE_STRING -> readBytes(p, field);
      case ENUM -> readEnum(p, field);
    };
  }

  private static long readInteger(JsonParser p, FieldDescriptor field) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw malformed("field '" + field.getJsonName() + "' must be an integer but was " + t, p);
    }
    String text = p.getText().trim();
    try {
      if (t == JsonToken.VALUE_NUMBER_FLOAT || text.indexOf('.') >= 0 || text.indexOf('e') >= 0
          || text.indexOf('E') >= 0) {
        text = new BigDecimal(text).toBigIntegerExact().toString();
      }
      return switch (field.getType()) {
        case UINT64, FIXED64 -> Long.parseUnsignedLong(text);
        case UINT32, FIXED32 -> Integer.parseUnsignedInt(text);
        case INT32, SINT32, SFIXED32 -> Integer.parseInt(text);
        default -> Long.parseLong(text);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw malformed("field '" + field.getJsonName() + "' has invalid integer '" + text + "'", p);
    }
  }

  private static double readDouble(JsonParser p, FieldDescriptor field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText().trim();
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw malformed("field '" + field.getJsonName() + "' has invalid number '" + text + "'", p);
          }
      }
    }
    throw malformed("field '" + field.getJsonName() + "' must be a number but was " + t, p);
  }

  private static boolean readBoolean(JsonParser p, FieldDescriptor field) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> throw malformed("field '" + field.getJsonName() + "' must be true or false but was "
          + p.currentToken(), p);
    };
  }

  private static String readString(JsonParser p, FieldDescriptor field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw malformed("field '" + field.getJsonName() + "' must be a string but was " + p.currentToken(), p);
    }
    return p.getText();
  }

  private static ByteString readBytes(JsonParser p, FieldDescriptor field) throws IOException {
    String text = readString(p, field);
    if (isHexId(field)) {
      ByteString id = Hex.decode(text);
      if (id == null) {
        throw malformed("field '" + field.getJsonName() + "' must be hex but was '" + text + "'", p);
      }
      return id;
    }
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw malformed("field '" + field.getJsonName() + "' must be base64 but was '" + text + "'", p);
    }
  }

  /** OTLP's exception to the protobuf JSON mapping: these ids are hex in JSON. */
  private static boolean isHexId(FieldDescriptor field) {
    String name = field.getName();
    return name.equals("trace_id") || name.equals("span_id") || name.equals("parent_span_id");
  }

  private static EnumValueDescriptor readEnum(JsonParser p, FieldDescriptor field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return field.getEnumType().findValueByNumberCreatingIfUnknown(p.getIntValue());
    }
    if (t == JsonToken.VALUE_STRING) {
      EnumValueDescriptor value = field.getEnumType().findValueByName(p.getText());
      if (value != null) {
        return value;
      }
    }
    throw malformed("field '" + field.getJsonName() + "' has invalid enum value '" + p.getText() + "'", p);
  }

  private static Rejection malformed(String what, JsonParser p) {
    return malformed(what, p.currentTokenLocation());
  }

  private static Rejection malformed(String what, JsonLocation at) {
    String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
    return new Rejection(RejectReason.MALFORMED, "invalid OTLP JSON" + where + ": " + what);
  }
}
