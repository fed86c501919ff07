package dev.responder.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tools one agent may use. A specialist gets a registry scoped to its domain; a call to any other tool is
 * refused as data, so an agent can never reach beyond its scope, whatever a model asks for.
 */
public final class ToolRegistry {
  private final String owner;
  private final Map<String, Tool> tools;

  private ToolRegistry(String owner, Map<String, Tool> tools) {
    this.owner = owner;
    this.tools = Collections.unmodifiableMap(tools);
  }

  /** A registry of all the given tools; names must be unique. */
  public static ToolRegistry of(List<? extends Tool> tools) {
    Map<String, Tool> byName = new LinkedHashMap<>();
    for (Tool t : tools) {
      if (byName.putIfAbsent(t.name(), t) != null) {
        throw new IllegalArgumentException("two tools are named '" + t.name() + "'");
      }
    }
    return new ToolRegistry("all", byName);
  }

  /** The subset named {@code toolNames}, for the agent {@code agent}; unknown names are a configuration error. */
  public ToolRegistry scoped(String agent, Set<String> toolNames) {
    Map<String, Tool> subset = new LinkedHashMap<>();
    for (String name : new TreeSet<>(toolNames)) {
      Tool t = tools.get(name);
      if (t == null) {
        throw new IllegalArgumentException("agent " + agent + " asks for unknown tool '" + name + "'; known: " + tools.keySet());
      }
      subset.put(name, t);
    }
    return new ToolRegistry(agent, subset);
  }

  /** The subset whose permission is in {@code allowed}. */
  public ToolRegistry withPermissions(Set<Permission> allowed) {
    Map<String, Tool> subset = new LinkedHashMap<>();
    tools.forEach((n, t) -> {
      if (allowed.contains(t.permission())) {
        subset.put(n, t);
      }
    });
    return new ToolRegistry(owner, subset);
  }

  public String owner() {
    return owner;
  }

  public List<Tool> tools() {
    return new ArrayList<>(tools.values());
  }

  public boolean has(String name) {
    return tools.containsKey(name);
  }

  /**
   * Calls a tool in scope. Out-of-scope or unknown tools are refused with a {@link ToolResult.Failed} that names
   * the tools this agent may use; arguments that do not match the tool's schema (missing required fields, wrong
   * types, values outside an enum) are refused with a message listing every problem, and the tool is not called;
   * a tool that throws is reported as a failure rather than crashing the agent. {@code null} arguments are read as
   * an empty object.
   */
  public ToolResult call(String name, JsonNode arguments) {
    Tool t = tools.get(name);
    if (t == null) {
      return new ToolResult.Failed("tool '" + name + "' is not available to " + owner + "; available: " + tools.keySet());
    }
    JsonNode args = arguments == null || arguments.isMissingNode() ? JsonNodeFactory.instance.objectNode() : arguments;
    List<String> problems = ArgumentValidator.problems(t.parameters(), args);
    if (!problems.isEmpty()) {
      return new ToolResult.Failed("invalid arguments for tool '" + name + "': " + String.join("; ", problems)
          + ". Expected schema: " + t.parameters());
    }
    try {
      return t.call(args);
    } catch (RuntimeException e) {
      return new ToolResult.Failed("tool '" + name + "' failed: " + e.getMessage());
    }
  }
}
