package dev.responder.app.investigate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.agent.tool.Permission;
import dev.responder.agent.tool.Tool;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.agent.tool.ToolResult;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The registry a model-driven specialist works with: its scoped ACI tools, each call routed through the
 * specialist's {@link ToolSession} (so it is counted, streamed and gets an id such as {@code data#3} that the model
 * cites as evidence), plus two board tools, {@code propose_hypothesis} and {@code update_hypothesis}, which post to
 * the shared {@link HypothesisBoard}. Nothing outside the specialist's scope is added.
 */
final class AgentTools {
  static final String PROPOSE = "propose_hypothesis";
  static final String UPDATE = "update_hypothesis";

  /** The fault types offered to the model; others are accepted too (a {@link FaultType} is an open set). */
  static final List<String> FAULT_TYPES = List.of("cpu_saturation", "memory_leak", "bad_deploy", "config_error",
      "connection_pool_exhaustion", "slow_query", "cache_outage", "network_latency", "packet_loss", "dns_failure",
      "disk_full", "certificate_expiry", "dependency_outage", "retry_storm", "deadlock", "noisy_neighbour",
      "queue_lag", "clock_skew", "feature_flag_bug", "traffic_surge", "credential_stuffing", "crypto_miner", "unknown");

  private final Reasoner.Assignment assignment;
  private final Map<String, ToolSession.Call> calls = new ConcurrentHashMap<>();

  private AgentTools(Reasoner.Assignment assignment) {
    this.assignment = assignment;
  }

  /** The scoped registry for {@code assignment}'s specialist: its ACI tools and the two board tools. */
  static ToolRegistry registry(Reasoner.Assignment assignment) {
    AgentTools tools = new AgentTools(assignment);
    List<Tool> all = new ArrayList<>();
    for (Tool t : assignment.tools().registry().tools()) {
      all.add(tools.new Routed(t));
    }
    all.add(new BoardTool(PROPOSE, "Post a hypothesis to the shared board: a root-cause service, a fault type, the "
        + "evidence for it (each item cites the call_id of the tool result it rests on) and the next test that would "
        + "confirm or refute it. Returns its id (H1, H2, ...).", proposeSchema(), tools::propose));
    all.add(new BoardTool(UPDATE, "Record the outcome of a test on a hypothesis of the board: supports, weakens, "
        + "confirms or refutes it, citing the call_id of the tool result that shows it.", updateSchema(), tools::update));
    Set<String> names = new HashSet<>();
    all.forEach(t -> names.add(t.name()));
    return ToolRegistry.of(all).scoped(assignment.specialist().agent(), names);
  }

  private ToolResult propose(JsonNode args) {
    List<Evidence> evidence = new ArrayList<>();
    for (JsonNode e : args.path("evidence")) {
      ToolSession.Call call = calls.get(e.path("call_id").asText());
      if (call == null) {
        return unknownCall(e.path("call_id").asText());
      }
      evidence.add(assignment.tools().evidence(call, e.path("claim").asText(), e.path("supports").asBoolean(true), 0.5));
    }
    double confidence = Math.max(0, Math.min(1, args.path("confidence").asDouble()));
    String id = assignment.board().propose(new Hypothesis("new", args.path("statement").asText(),
        ServiceId.of(args.path("service").asText()), FaultType.of(args.path("fault_type").asText()),
        Hypothesis.Status.OPEN, confidence, evidence, args.path("next_test").asText(), assignment.specialist().agent()));
    assignment.tools().progress("proposed " + id + ": " + args.path("fault_type").asText() + " at "
        + args.path("service").asText());
    return ToolResult.Ok.of(boardState().put("id", id));
  }

  private ToolResult update(JsonNode args) {
    String id = args.path("id").asText();
    ToolSession.Call call = calls.get(args.path("call_id").asText());
    if (call == null) {
      return unknownCall(args.path("call_id").asText());
    }
    HypothesisBoard board = assignment.board();
    try {
      board.get(id);
    } catch (IllegalArgumentException e) {
      return new ToolResult.Failed(e.getMessage());
    }
    String verdict = args.path("verdict").asText();
    boolean supports = verdict.equals("supports") || verdict.equals("confirms");
    Evidence evidence = assignment.tools().evidence(call, args.path("claim").asText(), supports, 0.6);
    String note = switch (verdict) {
      case "confirms" -> {
        board.confirm(id, evidence);
        yield "confirmed";
      }
      case "refutes" -> board.refute(id, evidence) ? "refuted"
          : "not refuted: it is the last hypothesis alive (evidence recorded)";
      default -> {
        board.addEvidence(id, evidence);
        yield "evidence recorded";
      }
    };
    assignment.tools().progress(id + " " + note);
    return ToolResult.Ok.of(boardState().put("result", id + " " + note));
  }

  private ToolResult unknownCall(String id) {
    return new ToolResult.Failed("unknown call_id '" + id + "': cite the call_id of one of your own tool results; "
        + "known: " + new java.util.TreeSet<>(calls.keySet()));
  }

  private ObjectNode boardState() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode arr = out.putArray("board");
    for (Hypothesis h : assignment.board().hypotheses()) {
      arr.addObject().put("id", h.id()).put("status", h.status().name()).put("service", h.rootCause().name())
          .put("fault_type", h.faultType().name()).put("confidence", Math.round(h.confidence() * 100) / 100.0)
          .put("next_test", h.nextTest());
    }
    return out;
  }

  private static ObjectNode proposeSchema() {
    ObjectNode s = object();
    ObjectNode p = s.putObject("properties");
    p.putObject("statement").put("type", "string").put("description", "The hypothesis in one sentence");
    p.putObject("service").put("type", "string").put("description", "The root-cause service");
    ObjectNode fault = p.putObject("fault_type").put("type", "string").put("description", "The fault type");
    FAULT_TYPES.forEach(fault.putArray("enum")::add);
    p.putObject("confidence").put("type", "number").put("description", "0..1");
    p.putObject("next_test").put("type", "string").put("description", "The tool call that would confirm or refute it");
    ObjectNode item = p.putObject("evidence").put("type", "array").putObject("items");
    item.put("type", "object");
    ObjectNode ip = item.putObject("properties");
    ip.putObject("claim").put("type", "string").put("description", "What the tool result shows");
    ip.putObject("call_id").put("type", "string").put("description", "The call_id of that tool result");
    ip.putObject("supports").put("type", "boolean").put("description", "false when it speaks against the hypothesis");
    item.putArray("required").add("claim").add("call_id");
    item.put("additionalProperties", false);
    s.putArray("required").add("statement").add("service").add("fault_type").add("confidence").add("next_test")
        .add("evidence");
    return s;
  }

  private static ObjectNode updateSchema() {
    ObjectNode s = object();
    ObjectNode p = s.putObject("properties");
    p.putObject("id").put("type", "string").put("description", "The hypothesis id, e.g. H2");
    p.putObject("verdict").put("type", "string").putArray("enum").add("supports").add("weakens").add("confirms")
        .add("refutes");
    p.putObject("claim").put("type", "string").put("description", "What the test showed");
    p.putObject("call_id").put("type", "string").put("description", "The call_id of the tool result that shows it");
    s.putArray("required").add("id").add("verdict").add("claim").add("call_id");
    return s;
  }

  private static ObjectNode object() {
    ObjectNode s = JsonNodeFactory.instance.objectNode().put("type", "object");
    s.put("additionalProperties", false);
    return s;
  }

  /** A scoped ACI tool called through the specialist's session; its result carries the call's id. */
  private final class Routed implements Tool {
    private final Tool tool;

    Routed(Tool tool) {
      this.tool = tool;
    }

    @Override
    public String name() {
      return tool.name();
    }

    @Override
    public String description() {
      return tool.description() + " The result's call_id identifies it as evidence.";
    }

    @Override
    public JsonNode parameters() {
      return tool.parameters();
    }

    @Override
    public Permission permission() {
      return tool.permission();
    }

    @Override
    public ToolResult call(JsonNode arguments) {
      ToolSession.Call call = assignment.tools().call(tool.name(), arguments);
      calls.put(call.id(), call);
      return switch (call.result()) {
        case ToolResult.Ok ok -> {
          ObjectNode data = JsonNodeFactory.instance.objectNode().put("call_id", call.id());
          data.set("result", ok.data());
          yield new ToolResult.Ok(data, ok.omitted());
        }
        case ToolResult.Failed f -> new ToolResult.Failed(f.messageForModel() + " [" + call.id() + "]");
      };
    }
  }

  private record BoardTool(String name, String description, JsonNode parameters, Function<JsonNode, ToolResult> handler)
      implements Tool {
    @Override
    public Permission permission() {
      return Permission.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments) {
      return handler.apply(arguments);
    }
  }
}
