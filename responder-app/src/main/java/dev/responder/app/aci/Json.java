package dev.responder.app.aci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for tool output: bounded text and rounded numbers. */
final class Json {
  /** Longest text field a tool returns; longer text is cut and marked. */
  static final int MAX_TEXT = 240;

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...[" + (text.length() - MAX_TEXT) + " chars cut]";
  }

  static double round(double v) {
    if (!Double.isFinite(v)) {
      return 0;
    }
    double scale = Math.abs(v) >= 100 ? 10 : 1000;
    return Math.round(v * scale) / scale;
  }
}
