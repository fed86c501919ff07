package dev.responder.app.investigate;

import dev.langchain4j.model.chat.ChatModel;
import dev.responder.agent.loop.Budget;
import dev.responder.agent.transcript.Transcript;
import dev.responder.core.incident.Incident;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Drives one specialist through its scoped tools and posts what it finds to the hypothesis board. The built-in
 * {@link #heuristic()} follows an explicit strategy per specialist; model-driven reasoners use the same tools and
 * post the same hypotheses, so both can be compared in one benchmark run.
 */
public interface Reasoner {

  /** The reasoner's name in reports, e.g. {@code heuristic} or {@code llm:anthropic/claude-...}. */
  String name();

  /** Investigates the assignment and returns what it cost; hypotheses go to {@code assignment.board()}. */
  Cost investigate(Assignment assignment);

  /** What a specialist is asked to do: the incident, its domain, its tools and the shared board. */
  record Assignment(Incident incident, Specialist specialist, ToolSession tools, HypothesisBoard board) {
    public Assignment {
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(specialist, "specialist");
      Objects.requireNonNull(tools, "tools");
      Objects.requireNonNull(board, "board");
    }
  }

  /** The built-in reasoner: deterministic, no model, the default and the baseline models must beat. */
  static Reasoner heuristic() {
    return new HeuristicReasoner();
  }

  /**
   * A reasoner that drives each specialist with a language model through the agent loop: the same scoped tools as
   * the heuristic reasoner plus {@code propose_hypothesis} and {@code update_hypothesis} on the shared board.
   *
   * @param name the name in reports, e.g. {@code llm:anthropic/claude-sonnet-4-5}
   * @param models the model for each specialist (usually one model for all; tests script one per specialist)
   */
  static Reasoner llm(String name, Function<Specialist, ChatModel> models, LlmSettings settings) {
    return new LlmReasoner(name, models, settings);
  }

  /** {@link #llm(String, Function, LlmSettings)} with one model for every specialist and default settings. */
  static Reasoner llm(String name, ChatModel model) {
    Objects.requireNonNull(model, "model");
    return llm(name, s -> model, LlmSettings.defaults());
  }

  /**
   * How model-driven specialists run.
   *
   * @param budget the limits of each specialist's run
   * @param clock wall time and transcript timestamps
   * @param transcripts receives each specialist's transcript when its run ends (called from its thread)
   */
  record LlmSettings(Budget budget, InstantSource clock, BiConsumer<Specialist, Transcript> transcripts) {
    public LlmSettings {
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(transcripts, "transcripts");
    }

    /** 20 steps, the loop's default token, time and USD limits, the system clock, transcripts dropped. */
    public static LlmSettings defaults() {
      return new LlmSettings(Budget.defaults().withMaxSteps(20), InstantSource.system(), (s, t) -> { });
    }

    public LlmSettings withTranscripts(BiConsumer<Specialist, Transcript> sink) {
      return new LlmSettings(budget, clock, sink);
    }

    public LlmSettings withClock(InstantSource source) {
      return new LlmSettings(budget, source, transcripts);
    }
  }
}
