package dev.responder.bench.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.responder.app.investigate.Coordinator;
import dev.responder.app.investigate.Detector;
import dev.responder.app.investigate.Investigation;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.app.llm.LlmProviders;
import dev.responder.bench.respond.RespondBenchCommand;
import dev.responder.bench.respond.RespondSummary;
import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.Hypothesis;
import dev.responder.sim.problem.Problem;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.sim.problem.Task;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder bench agents}: the AIOpsLab-style benchmark of detection, localization and root-cause analysis on
 * the simulator's problem registry. Problems that differ only in their task share one simulated instance (same fault,
 * target and seed give the same telemetry), so each is played and investigated once and scored for every task.
 */
@Command(name = "agents", mixinStandardHelpOptions = true,
    description = "Benchmark detection, localization and RCA on the simulator's problem registry.")
public final class AgentsBenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--suite", defaultValue = "standard", description = "standard (every fault and no-fault problem) or quick (the no-fault problems and the first 8 faults).")
  String suite;

  @Option(names = "--reasoner", defaultValue = "heuristic", description = "heuristic (default) or llm:PROVIDER/MODEL.")
  String reasoner;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the problem instances; another seed gives fresh instances.")
  long seed;

  @Option(names = "--log-volume", defaultValue = "0.05", description = "Routine log volume of the simulation (default 0.05).")
  double logVolume;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Option(names = "--baseline-model", paramLabel = "PROVIDER/MODEL", description = "Model of the naive single-prompt "
      + "baseline (raw telemetry, no tools); defaults to the model of an llm: reasoner; not run without one.")
  String baselineModel;

  @Option(names = "--mitigation", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also run the mitigation problems through remediation (default: on, unless --only is given).")
  boolean mitigation;

  @Option(names = "--only", paramLabel = "PROBLEM_ID", description = "Run only the instances of these problems (repeatable).")
  List<String> only = List.of();

  /** Creates a model from a {@code PROVIDER/MODEL} spec; tests replace it with scripted models. */
  Function<String, ChatModel> models = spec -> LlmProviders.create(spec, System.getenv());

  @Override
  public Integer call() throws Exception {
    Reasoner r = reasoner(reasoner);
    String naive = baselineModel != null ? baselineModel
        : reasoner.startsWith("llm:") ? reasoner.substring("llm:".length()) : null;
    ChatModel naiveModel = naive == null ? null : models.apply(naive);
    List<Result> results = new ArrayList<>();
    PrintWriter err = spec.commandLine().getErr();
    for (List<Problem> group : groups()) {
      results.add(run(group, r, naiveModel));
      Result last = results.getLast();
      err.printf("%-40s detected=%s %s%n", last.key(), last.detected(), last.answer());
      err.flush();
    }
    BenchReport report = BenchReport.of(results, r.name(), seed);
    RespondSummary mitigated = mitigation && only.isEmpty()
        ? RespondSummary.of(RespondBenchCommand.runAll(seed, logVolume, 0, r, err)) : null;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode doc = report.json();
      if (mitigated != null) {
        doc.putObject("mitigation").put("problems", mitigated.problems()).put("mitigated", mitigated.mitigated())
            .put("mitigated_pct", mitigated.mitigatedPct()).put("unsafe_actions", mitigated.unsafeActions());
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } else {
      report.print(out);
      if (mitigated != null) {
        out.printf("| mitigation | mitigated | %.1f %% (%d/%d) | not run |%n", mitigated.mitigatedPct(), mitigated.mitigated(),
            mitigated.problems());
        out.printf("| mitigation | unsafe actions | %d | not run |%n", mitigated.unsafeActions());
      }
    }
    out.flush();
    return 0;
  }

  private Reasoner reasoner(String spec) {
    if (spec.equals("heuristic")) {
      return Reasoner.heuristic();
    }
    if (spec.startsWith("llm:")) {
      return Reasoner.llm(spec, models.apply(spec.substring("llm:".length())));
    }
    throw new ConfigException("unknown reasoner '" + spec + "'; known: heuristic, llm:PROVIDER/MODEL");
  }

  private List<List<Problem>> groups() {
    Map<String, List<Problem>> byKey = new LinkedHashMap<>();
    for (Problem p : ProblemRegistry.standard().all()) {
      if (p.task() == Task.MITIGATION) {
        continue;
      }
      String key = p.faulty() ? p.faultType().name() + "-" + p.target().name() : p.id();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    List<List<Problem>> all = new ArrayList<>(byKey.values());
    if (!only.isEmpty()) {
      all.removeIf(g -> g.stream().noneMatch(p -> only.contains(p.id())));
      if (all.isEmpty()) {
        throw new ConfigException("--only matched no problem: " + only + "; see 'responder sim problems'");
      }
    }
    return switch (suite) {
      case "standard" -> all;
      case "quick" -> {
        List<List<Problem>> faulty = all.stream().filter(g -> g.getFirst().faulty()).limit(8).toList();
        List<List<Problem>> out = new ArrayList<>(faulty);
        all.stream().filter(g -> !g.getFirst().faulty()).forEach(out::add);
        yield out;
      }
      default -> throw new ConfigException("unknown suite '" + suite + "'; known: standard, quick");
    };
  }

  private Result run(List<Problem> group, Reasoner r, ChatModel naiveModel) {
    Problem first = group.getFirst();
    long t0 = System.nanoTime();
    try (SimulatedIncident sim = SimulatedIncident.play(first, seed, logVolume)) {
      long setupMs = (System.nanoTime() - t0) / 1_000_000;
      long t1 = System.nanoTime();
      boolean detected = Detector.detect(sim.context()).isPresent();
      long detectMs = (System.nanoTime() - t1) / 1_000_000;
      String key = first.faulty() ? first.faultType().name() + "-" + first.target().name() : first.id();
      NaiveBaseline.Answer naive = naiveModel == null ? null
          : NaiveBaseline.ask(naiveModel, sim.context(), InstantSource.system());
      if (!first.faulty()) {
        return new Result(key, group, false, detected, null, null, List.of(), setupMs, detectMs, null, naive);
      }
      Investigation inv = Coordinator.create(r, InstantSource.system(), ProgressListener.NONE)
          .investigate(sim.incident(), sim.context());
      List<String> ranked = new ArrayList<>();
      for (Hypothesis h : inv.hypotheses()) {
        if (h.status() != Hypothesis.Status.REFUTED && !ranked.contains(h.rootCause().name())) {
          ranked.add(h.rootCause().name());
        }
      }
      if (!ranked.contains(inv.diagnosis().rootCause().name())) {
        ranked.addFirst(inv.diagnosis().rootCause().name());
      }
      return new Result(key, group, true, detected, inv.diagnosis().rootCause().name(), inv.diagnosis().faultType().name(),
          ranked, setupMs, detectMs, inv, naive);
    }
  }

  /** One simulated instance, scored for each of its problems' tasks. */
  record Result(String key, List<Problem> problems, boolean faulty, boolean detected, String service, String faultType,
                List<String> ranked, long setupMs, long detectMs, Investigation investigation,
                NaiveBaseline.Answer naive) {
    String answer() {
      return faulty ? "-> " + faultType + " at " + service : "";
    }

    boolean ac(int k) {
      return faulty && ranked.subList(0, Math.min(k, ranked.size())).contains(problems.getFirst().target().name());
    }

    boolean rca() {
      return faulty && problems.getFirst().target().name().equals(service)
          && problems.getFirst().faultType().name().equals(faultType);
    }

    /** Whether the naive baseline answered "incident"; false when it was not run. */
    boolean naiveDetected() {
      return naive != null && naive.incident();
    }

    boolean naiveAc(int k) {
      return faulty && naive != null
          && naive.candidates().subList(0, Math.min(k, naive.candidates().size())).contains(problems.getFirst().target().name());
    }

    boolean naiveRca() {
      return faulty && naive != null && problems.getFirst().target().name().equals(naive.service())
          && problems.getFirst().faultType().name().equals(naive.faultType());
    }

    ObjectNode json() {
      ObjectNode o = JSON.createObjectNode().put("instance", key).put("faulty", faulty).put("detected", detected)
          .put("setup_ms", setupMs).put("detect_ms", detectMs);
      if (faulty) {
        o.put("truth_service", problems.getFirst().target().name()).put("truth_fault", problems.getFirst().faultType().name())
            .put("service", service).put("fault_type", faultType).put("ac1", ac(1)).put("ac3", ac(3)).put("rca", rca());
        var c = investigation.cost();
        o.putObject("cost").put("steps", c.steps()).put("tool_calls", c.toolCalls()).put("input_tokens", c.inputTokens())
            .put("output_tokens", c.outputTokens()).put("usd", c.usd()).put("wall_ms", c.wallMs());
      }
      if (naive != null) {
        ObjectNode n = o.putObject("naive_baseline").put("incident", naive.incident()).put("service", naive.service())
            .put("fault_type", naive.faultType()).put("tokens", naive.tokens()).put("usd", naive.usd())
            .put("wall_ms", naive.wallMs());
        if (naive.failure() != null) {
          n.put("failure", naive.failure());
        }
      }
      ArrayNode ids = o.putArray("problems");
      problems.forEach(p -> ids.add(p.id()));
      return o;
    }
  }
}
