package dev.responder.app.otlp;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Flattens OTLP's typed values into the strings Responder stores: scalars as text, arrays and maps as JSON. */
final class AnyValues {
  private AnyValues() {}

  /** Attributes as a string map; empty values are kept, later duplicates of a key win. */
  static Map<String, String> attributes(List<KeyValue> attributes) {
    return attributes.isEmpty() ? Map.of() : mutableAttributes(attributes, 0);
  }

  /** Like {@link #attributes}, in a modifiable map with room for {@code extra} more entries. */
  static Map<String, String> mutableAttributes(List<KeyValue> attributes, int extra) {
    int n = attributes.size();
    Map<String, String> out = HashMap.newHashMap(n + extra);
    for (int i = 0; i < n; i++) {
      KeyValue kv = attributes.get(i);
      out.put(kv.getKey(), text(kv.getValue()));
    }
    return out;
  }

  static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE, KVLIST_VALUE -> {
        StringBuilder json = new StringBuilder();
        appendJson(json, value);
        yield json.toString();
      }
      // A string-table index only has meaning inside a profiles request, which we do not ingest.
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> "";
    };
  }

  private static void appendJson(StringBuilder out, AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> appendQuoted(out, value.getStringValue());
      case BOOL_VALUE -> out.append(value.getBoolValue());
      case INT_VALUE -> out.append(value.getIntValue());
      case DOUBLE_VALUE -> {
        double d = value.getDoubleValue();
        if (Double.isFinite(d)) {
          out.append(d);
        } else {
          appendQuoted(out, Double.toString(d));
        }
      }
      case BYTES_VALUE -> appendQuoted(out, Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
      case ARRAY_VALUE -> {
        List<AnyValue> values = value.getArrayValue().getValuesList();
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          appendJson(out, values.get(i));
        }
        out.append(']');
      }
      case KVLIST_VALUE -> {
        List<KeyValue> values = value.getKvlistValue().getValuesList();
        out.append('{');
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          appendQuoted(out, values.get(i).getKey());
          out.append(':');
          appendJson(out, values.get(i).getValue());
        }
        out.append('}');
      }
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> out.append("null");
    }
  }

  private static void appendQuoted(StringBuilder out, String text) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }
}
