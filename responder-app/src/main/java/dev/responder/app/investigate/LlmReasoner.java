package dev.responder.app.investigate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.responder.agent.loop.AgentLoop;
import dev.responder.agent.loop.AgentRun;
import dev.responder.agent.loop.StopTool;
import dev.responder.core.incident.Incident;
import java.util.Objects;
import java.util.function.Function;

/**
 * Drives one specialist with a language model through {@link AgentLoop}: the model sees only the specialist's
 * scoped tools plus the two board tools ({@link AgentTools}), is told the hypothesis-board discipline, and ends with
 * the {@code conclude} stop tool. Hypotheses reach the shared board through the board tools, so the coordinator
 * decides exactly as it does for the heuristic reasoner; the cost is the loop's (steps, tool calls, tokens, USD).
 */
final class LlmReasoner implements Reasoner {
  static final String CONCLUDE = "conclude";

  private final String name;
  private final Function<Specialist, ChatModel> models;
  private final LlmSettings settings;

  LlmReasoner(String name, Function<Specialist, ChatModel> models, LlmSettings settings) {
    this.name = Objects.requireNonNull(name, "name");
    this.models = Objects.requireNonNull(models, "models");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Cost investigate(Assignment a) {
    AgentLoop loop = AgentLoop.builder(models.apply(a.specialist()))
        .stopTool(StopTool.of(CONCLUDE, "Finish your part of the investigation once your hypotheses are on the board "
            + "and tested. The coordinator decides the diagnosis from the board.", concludeSchema()))
        .clock(settings.clock())
        .build();
    AgentRun run = loop.run(systemPrompt(a.specialist()), task(a.incident(), a.specialist()), AgentTools.registry(a),
        settings.budget());
    a.tools().progress("model run ended: " + run.stopReason() + " (" + run.detail() + ")");
    settings.transcripts().accept(a.specialist(), run.transcript());
    return new Cost(run.steps(), run.toolCalls(), run.inputTokens(), run.outputTokens(), run.usd(),
        run.wallTime().toMillis());
  }

  static String systemPrompt(Specialist s) {
    return """
        You are the %s specialist of an incident-response team; your domain is %s. A coordinator routed an incident \
        to you and to other specialists who work in parallel on one shared hypothesis board.
        Work like a strong on-call engineer:
        1. Orient (get_topology) and survey the evidence your tools give you for the incident window against the \
        baseline.
        2. Propose at least two competing hypotheses with propose_hypothesis: a root-cause service, a fault type, \
        the evidence (each item cites the call_id of the tool result it rests on) and the next test that would \
        confirm or refute it. Do not lock onto one line of reasoning.
        3. Run each hypothesis' test with your tools and record the outcome with update_hypothesis (supports, \
        weakens, confirms, refutes), citing the call_id that shows it. Confirm only on direct evidence.
        4. Call conclude when your hypotheses are tested or you have nothing more to test.
        You may use only the tools you are given; a refused call means the tool is outside your scope. Be brief: \
        every step costs time and money.""".formatted(s.agent(), s.domain());
  }

  static String task(Incident incident, Specialist s) {
    return "Incident " + incident.id() + ": " + incident.title() + " (opened at " + incident.openedAt()
        + ", signature " + incident.signature() + "). Investigate it as the " + s.agent()
        + " specialist; your tools already cover the incident window and its baseline.";
  }

  private static ObjectNode concludeSchema() {
    ObjectNode s = JsonNodeFactory.instance.objectNode().put("type", "object");
    s.putObject("properties").putObject("summary").put("type", "string")
        .put("description", "What you found, in two or three sentences, naming the hypothesis ids");
    s.putArray("required").add("summary");
    return s;
  }
}
