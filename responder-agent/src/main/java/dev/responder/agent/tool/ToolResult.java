package dev.responder.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a tool call returns. Failures are data the model can act on ("no service named 'paymnt'; known: ..."),
 * not exceptions; real bugs still throw.
 */
public sealed interface ToolResult permits ToolResult.Ok, ToolResult.Failed {

  /**
   * A successful answer. {@code data} is bounded by the tool; {@code omitted} says how many items the tool left
   * out (0 when complete), so that a truncated answer is never mistaken for a complete one.
   */
  record Ok(JsonNode data, long omitted) implements ToolResult {
    public Ok {
      Objects.requireNonNull(data, "data");
      if (omitted < 0) {
        throw new IllegalArgumentException("omitted must be >= 0 but was " + omitted);
      }
    }

    public static Ok of(JsonNode data) {
      return new Ok(data, 0);
    }
  }

  /** A failed call, explained for the model. */
  record Failed(String messageForModel) implements ToolResult {
    public Failed {
      Objects.requireNonNull(messageForModel, "messageForModel");
    }
  }
}
