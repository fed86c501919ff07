package dev.responder.app.remediate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.agent.tool.Permission;
import dev.responder.agent.tool.Tool;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.agent.tool.ToolResult;
import dev.responder.app.investigate.Specialist;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.topology.ServiceId;
import dev.responder.core.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The action catalog as ACT tools of the Agent-Cloud Interface, one per action class ({@code scale},
 * {@code rollback}, ...). Calling one only <em>proposes</em> the action: proposals are screened against the
 * diagnosis, tried in a sandbox and gated by policy and approvals before anything runs ({@link Remediator}).
 * Each specialist may propose only the classes of its domain ({@link #scope}); the registry refuses the rest.
 */
public final class ActionTools {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ActionTools() {}

  /** One tool per action class; valid calls go to {@code proposals}, invalid ones come back as failures. */
  public static ToolRegistry registry(Topology topology, Consumer<Action> proposals) {
    List<Tool> tools = new ArrayList<>();
    for (ActionSpec spec : ActionCatalog.standard().all()) {
      tools.add(new ProposeTool(spec, topology, proposals));
    }
    return ToolRegistry.of(tools);
  }

  /** The action tools a specialist may call. */
  public static Set<String> scope(Specialist specialist) {
    return switch (specialist) {
      case PERFORMANCE -> Set.of("scale", "restart", "drain_node");
      case ERRORS -> Set.of("set_config", "toggle_flag", "restart", "drain_node");
      case DATA -> Set.of("restart", "failover", "flush_cache", "scale");
      case CHANGE -> Set.of("rollback", "set_config", "toggle_flag");
      case SECURITY -> Set.of("block_ips", "rate_limit", "kill_process");
    };
  }

  private record ProposeTool(ActionSpec spec, Topology topology, Consumer<Action> proposals) implements Tool {
    @Override
    public String name() {
      return spec.toolName();
    }

    @Override
    public String description() {
      return "Propose: " + spec.description() + " Risk " + spec.risk() + ", " + spec.reversibility() + "; undo: "
          + spec.inverse() + "; touches " + spec.blastRadius() + ". Nothing runs until the proposal passes a sandbox, "
          + "the autonomy policy and, where required, a person's approval.";
    }

    @Override
    public JsonNode parameters() {
      ObjectNode schema = F.objectNode().put("type", "object");
      ObjectNode props = schema.putObject("properties");
      props.putObject("service").put("type", "string");
      props.putObject("rationale").put("type", "string");
      var required = schema.putArray("required").add("service");
      for (String p : spec.params()) {
        String name = p.replace("?", "");
        props.putObject(name).put("type", "string");
        if (!p.endsWith("?")) {
          required.add(name);
        }
      }
      schema.put("additionalProperties", false);
      return schema;
    }

    @Override
    public Permission permission() {
      return Permission.ACT;
    }

    @Override
    public ToolResult call(JsonNode args) {
      Map<String, String> params = new LinkedHashMap<>();
      args.properties().forEach(e -> {
        if (!e.getKey().equals("service") && !e.getKey().equals("rationale")) {
          params.put(e.getKey(), e.getValue().asText());
        }
      });
      ActionKind kind = spec.kind();
      Action a = new Action(kind, ServiceId.of(args.path("service").asText()), params, spec.risk(), spec.reversibility(),
          args.path("rationale").asText(""));
      List<String> problems = ActionCatalog.standard().check(a, topology);
      if (!problems.isEmpty()) {
        return new ToolResult.Failed("proposal refused: " + String.join("; ", problems));
      }
      proposals.accept(a);
      return ToolResult.Ok.of(F.objectNode().put("proposed", a.describe())
          .put("next", "the proposal will be screened against the diagnosis, tried in a sandbox and gated by policy"));
    }
  }
}
