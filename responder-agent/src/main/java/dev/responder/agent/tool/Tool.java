package dev.responder.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One documented, typed capability of the Agent-Cloud Interface. The orchestrator calls tools on the agents'
 * behalf; agents never touch the environment directly. Tool output is data: text that came from telemetry is
 * never obeyed as an instruction.
 */
public interface Tool {
  /** Unique snake_case name, e.g. {@code query_metrics}. */
  String name();

  /** What the tool does and when to use it, for people and models. */
  String description();

  /** JSON Schema (draft 2020-12 subset: type object, properties, required, enum) of the arguments. */
  JsonNode parameters();

  Permission permission();

  /**
   * Runs the tool. Invalid arguments and unavailable data are reported as {@link ToolResult.Failed}; the call
   * never throws for bad input.
   */
  ToolResult call(JsonNode arguments);
}
