package dev.responder.agent.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.agent.tool.Permission;
import dev.responder.agent.tool.Tool;
import dev.responder.agent.tool.ToolResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Small tools for agent tests. */
public final class TestTools {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestTools() {}

  /** Parses JSON text, for schemas and expected values in tests. */
  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON in test: " + text, e);
    }
  }

  /** A tool that records its calls and answers with {@code handler}. */
  public static RecordingTool tool(String name, Permission permission, String schemaJson,
      Function<JsonNode, ToolResult> handler) {
    return new RecordingTool(name, permission, json(schemaJson), handler);
  }

  /** A READ tool with one required string argument {@code service} that answers with fixed data. */
  public static RecordingTool fixed(String name, String dataJson) {
    return tool(name, Permission.READ, """
        {"type":"object","properties":{"service":{"type":"string","description":"service name"}},
         "required":["service"]}""", args -> ToolResult.Ok.of(json(dataJson)));
  }

  /** A tool that remembers the arguments of every call. */
  public static final class RecordingTool implements Tool {
    private final String name;
    private final Permission permission;
    private final JsonNode schema;
    private final Function<JsonNode, ToolResult> handler;
    private final List<JsonNode> calls = Collections.synchronizedList(new ArrayList<>());

    RecordingTool(String name, Permission permission, JsonNode schema, Function<JsonNode, ToolResult> handler) {
      this.name = name;
      this.permission = permission;
      this.schema = schema;
      this.handler = handler;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "test tool " + name;
    }

    @Override
    public JsonNode parameters() {
      return schema;
    }

    @Override
    public Permission permission() {
      return permission;
    }

    @Override
    public ToolResult call(JsonNode arguments) {
      calls.add(arguments);
      return handler.apply(arguments);
    }

    /** The arguments of every call so far. */
    public List<JsonNode> calls() {
      synchronized (calls) {
        return List.copyOf(calls);
      }
    }
  }
}
