package dev.responder.agent.tool;

import static dev.responder.agent.testkit.TestTools.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.agent.testkit.TestTools;
import dev.responder.agent.testkit.TestTools.RecordingTool;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {
  private final RecordingTool query = TestTools.tool("query_metrics", Permission.READ, """
      {"type":"object","properties":{
        "service":{"type":"string"},
        "metric":{"type":"string","enum":["latency_p99","error_rate"]},
        "minutes":{"type":"integer"},
        "tags":{"type":"array","items":{"type":"string"}}},
       "required":["service","metric"]}""", args -> ToolResult.Ok.of(json("{\"ok\":true}")));
  private final RecordingTool restart = TestTools.tool("restart_service", Permission.ACT,
      "{\"type\":\"object\",\"properties\":{}}", args -> ToolResult.Ok.of(json("{}")));
  private final ToolRegistry registry = ToolRegistry.of(List.of(query, restart));

  @Test
  void call_passesValidArguments_toTheTool() {
    ToolResult r = registry.call("query_metrics", json("{\"service\":\"checkout\",\"metric\":\"error_rate\",\"minutes\":5}"));

    assertThat(r).isEqualTo(ToolResult.Ok.of(json("{\"ok\":true}")));
    assertThat(query.calls()).hasSize(1);
  }

  @Test
  void call_refusesMissingRequiredField_withoutCallingTheTool() {
    ToolResult r = registry.call("query_metrics", json("{\"service\":\"checkout\"}"));

    assertThat(r).isInstanceOfSatisfying(ToolResult.Failed.class, f -> assertThat(f.messageForModel())
        .contains("missing the required field 'metric'").contains("Expected schema"));
    assertThat(query.calls()).isEmpty();
  }

  @Test
  void call_refusesWrongTypesAndValuesOutsideTheEnum_listingEveryProblem() {
    ToolResult r = registry.call("query_metrics",
        json("{\"service\":42,\"metric\":\"cpu\",\"minutes\":\"five\",\"tags\":[\"a\",3]}"));

    assertThat(r).isInstanceOfSatisfying(ToolResult.Failed.class, f -> assertThat(f.messageForModel())
        .contains("arguments.service must be a string but was number 42")
        .contains("arguments.metric must be one of [\"latency_p99\",\"error_rate\"] but was \"cpu\"")
        .contains("arguments.minutes must be an integer")
        .contains("arguments.tags[1] must be a string"));
  }

  @Test
  void call_refusesNonObjectArguments() {
    assertThat(registry.call("query_metrics", json("[1,2]"))).isInstanceOfSatisfying(ToolResult.Failed.class,
        f -> assertThat(f.messageForModel()).contains("arguments must be an object but was array"));
  }

  @Test
  void call_readsNullArgumentsAsAnEmptyObject() {
    assertThat(registry.call("restart_service", null)).isInstanceOf(ToolResult.Ok.class);
  }

  @Test
  void scopedRegistry_refusesToolsOutsideItsScope_asData() {
    ToolRegistry scoped = registry.scoped("performance", Set.of("query_metrics"));

    ToolResult r = scoped.call("restart_service", json("{}"));

    assertThat(r).isInstanceOfSatisfying(ToolResult.Failed.class, f -> assertThat(f.messageForModel())
        .contains("not available to performance").contains("query_metrics"));
    assertThat(restart.calls()).isEmpty();
  }

  @Test
  void withPermissions_dropsToolsWithOtherPermissions() {
    assertThat(registry.withPermissions(Set.of(Permission.READ)).has("restart_service")).isFalse();
    assertThat(registry.withPermissions(Set.of(Permission.READ)).has("query_metrics")).isTrue();
  }

  @Test
  void call_reportsAThrowingTool_asAFailure() {
    ToolRegistry r = ToolRegistry.of(List.of(TestTools.tool("boom", Permission.READ, "{\"type\":\"object\"}",
        args -> {
          throw new IllegalStateException("disk on fire");
        })));

    assertThat(r.call("boom", json("{}"))).isInstanceOfSatisfying(ToolResult.Failed.class,
        f -> assertThat(f.messageForModel()).contains("disk on fire"));
  }
}
