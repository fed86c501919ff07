package dev.responder.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool the model calls to finish, e.g. {@code submit_diagnosis}; its arguments are the run's result. The loop
 * offers it beside the registry's tools, validates the arguments against {@code parameters} (an invalid call is
 * answered with the problems and the run continues), and never executes anything for it.
 *
 * @param name snake_case tool name, distinct from the registry's tools
 * @param description what to submit and when, for the model
 * @param parameters JSON Schema of the result (type object)
 */
public record StopTool(String name, String description, JsonNode parameters) {
  public StopTool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    if (!"object".equals(parameters.path("type").asText())) {
      throw new IllegalArgumentException("stop tool " + name + " parameters must be a JSON Schema of type object but was "
          + parameters);
    }
  }

  public static StopTool of(String name, String description, JsonNode parameters) {
    return new StopTool(name, description, parameters);
  }
}
