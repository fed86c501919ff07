package dev.responder.app.aci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.agent.tool.Permission;
import dev.responder.agent.tool.Tool;
import dev.responder.agent.tool.ToolResult;
import java.util.Objects;
import java.util.function.Function;

/** A tool made of its documentation and a handler; bad arguments become a {@link ToolResult.Failed}. */
record SimpleTool(String name, String description, JsonNode parameters, Permission permission,
                  Function<Args, ToolResult> handler) implements Tool {
  SimpleTool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(handler, "handler");
  }

  @Override
  public ToolResult call(JsonNode arguments) {
    try {
      return handler.apply(new Args(name, arguments));
    } catch (IllegalArgumentException e) {
      return new ToolResult.Failed(name + ": " + e.getMessage());
    }
  }
}
