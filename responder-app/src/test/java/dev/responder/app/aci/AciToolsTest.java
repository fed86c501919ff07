package dev.responder.app.aci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.responder.agent.tool.Permission;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.agent.tool.ToolResult;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.sim.problem.ProblemRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AciToolsTest {
  private static SimulatedIncident sim;
  private static ToolRegistry tools;

  @BeforeAll
  static void play() {
    sim = SimulatedIncident.play(ProblemRegistry.standard().get("disk_full-catalog-rca"), 2, 0.02);
    tools = AciTools.registry(sim.context());
  }

  @AfterAll
  static void close() {
    sim.close();
  }

  @Test
  void registry_documentsEveryTool_withSchemaAndPermission() {
    assertThat(tools.tools()).hasSize(15);
    assertThat(tools.tools()).allSatisfy(t -> {
      assertThat(t.description()).isNotBlank();
      assertThat(t.parameters().path("type").asText()).isEqualTo("object");
    });
    assertThat(tools.tools()).filteredOn(t -> t.permission() == Permission.DIAGNOSE).extracting(t -> t.name())
        .containsExactly(AciTools.RUN_DIAGNOSTIC);
  }

  @Test
  void searchLogs_isBounded_andSaysHowMuchItLeftOut() {
    ToolResult r = tools.call(AciTools.SEARCH_LOGS, JsonNodeFactory.instance.objectNode().put("limit", 5));
    assertThat(r).isInstanceOfSatisfying(ToolResult.Ok.class, ok -> {
      assertThat(ok.data().path("lines").size()).isEqualTo(5);
      assertThat(ok.omitted()).isPositive();
    });
  }

  @Test
  void queryMetrics_ofAnUnknownMetric_failsAsData_listingTheKnownOnes() {
    ToolResult r = tools.call(AciTools.QUERY_METRICS, JsonNodeFactory.instance.objectNode()
        .put("service", "catalog").put("metric", "cpu_utilisation"));
    assertThat(r).isInstanceOfSatisfying(ToolResult.Failed.class,
        f -> assertThat(f.messageForModel()).contains("cpu_util").contains("disk_used_ratio"));
  }

  @Test
  void logPatterns_putTheFaultsNewTemplateFirst() {
    ToolResult r = tools.call(AciTools.LOG_PATTERNS, JsonNodeFactory.instance.objectNode().put("limit", 10));
    assertThat(r).isInstanceOfSatisfying(ToolResult.Ok.class, ok -> {
      var templates = ok.data().path("templates");
      assertThat(templates.path(0).path("kind").asText()).isIn("new", "spiking");
      assertThat(templates.toString()).contains("No space left on device");
    });
  }

  @Test
  void runDiagnostic_answersFromTheEnvironment_andRejectsUnknownServices() {
    ToolResult ok = tools.call(AciTools.RUN_DIAGNOSTIC, JsonNodeFactory.instance.objectNode()
        .put("check", "disk_usage").put("service", "catalog"));
    assertThat(ok).isInstanceOfSatisfying(ToolResult.Ok.class,
        o -> assertThat(o.data().path("healthy").asBoolean()).isFalse());
    ToolResult bad = tools.call(AciTools.RUN_DIAGNOSTIC, JsonNodeFactory.instance.objectNode()
        .put("check", "disk_usage").put("service", "katalog"));
    assertThat(bad).isInstanceOfSatisfying(ToolResult.Failed.class,
        f -> assertThat(f.messageForModel()).contains("no service named 'katalog'"));
  }
}
