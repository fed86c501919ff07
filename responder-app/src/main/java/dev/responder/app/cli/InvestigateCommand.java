package dev.responder.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.agent.transcript.Transcript;
import dev.responder.app.aci.AciContext;
import dev.responder.app.investigate.Coordinator;
import dev.responder.app.investigate.Investigation;
import dev.responder.app.investigate.InvestigationJson;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.app.investigate.Specialist;
import dev.responder.app.investigate.StoreIncident;
import dev.responder.app.llm.LlmProviders;
import dev.responder.core.error.ConfigException;
import dev.responder.core.error.PermanentException;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.port.TelemetryStore;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code responder investigate}: investigate a simulator problem, or a time range of a store. */
@Command(name = "investigate", mixinStandardHelpOptions = true,
    description = "Investigate an incident with the coordinator and its specialists, and print the diagnosis.")
public final class InvestigateCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = "--problem", paramLabel = "ID", description = "A simulator problem id (see 'responder sim problems').")
  String problem;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the problem instance (default 1).")
  long seed;

  @Option(names = "--log-volume", defaultValue = "0.05", description = "Routine log volume of the simulation (default 0.05).")
  double logVolume;

  @Option(names = "--store", paramLabel = "FILE", description = "Investigate telemetry already in this store.")
  String store;

  @Option(names = "--from", paramLabel = "INSTANT", description = "With --store: start of the incident window.")
  Instant from;

  @Option(names = "--to", paramLabel = "INSTANT", description = "With --store: end of the incident window.")
  Instant to;

  @Option(names = "--reasoner", defaultValue = "heuristic", description = "heuristic (default) or llm:PROVIDER/MODEL.")
  String reasoner;

  @Option(names = "--json", description = "Print JSON: diagnosis, hypotheses, cost.")
  boolean json;

  @Option(names = "--transcript", paramLabel = "FILE", description = "Write the full investigation (hypotheses, "
      + "evidence, timeline and, with an LLM reasoner, each specialist's agent-loop transcript) as JSON.")
  Path transcript;

  private final Map<Specialist, Transcript> agentTranscripts = new ConcurrentHashMap<>();

  @Override
  public Integer call() throws IOException {
    if ((problem == null) == (store == null)) {
      throw new ConfigException("give exactly one of --problem ID or --store FILE --from T --to T");
    }
    PrintWriter err = spec.commandLine().getErr();
    ProgressListener progress = (who, what) -> {
      err.println("[" + who + "] " + what);
      err.flush();
    };
    Coordinator coordinator = Coordinator.create(reasoner(reasoner, System.getenv(), agentTranscripts::put),
        InstantSource.system(), progress);
    Investigation inv;
    if (problem != null) {
      try (SimulatedIncident sim = SimulatedIncident.play(ProblemRegistry.standard().get(problem), seed, logVolume)) {
        inv = coordinator.investigate(sim.incident(), sim.context());
      }
    } else {
      if (from == null || to == null) {
        throw new ConfigException("--store needs --from and --to");
      }
      try (TelemetryStore telemetry = Stores.telemetry(store)) {
        AciContext ctx = StoreIncident.context(telemetry, from, to);
        if (!ctx.window().from().equals(from)) {
          spec.commandLine().getErr().println("note: nothing was recorded before " + from + "; the baseline is "
              + ctx.baseline().from() + " .. " + ctx.baseline().to() + " and the incident window starts after it");
          spec.commandLine().getErr().flush();
        }
        inv = coordinator.investigate(StoreIncident.incident(ctx), ctx);
      }
    }
    print(inv);
    return 0;
  }

  /**
   * The reasoner named {@code spec}: {@code heuristic}, or {@code llm:PROVIDER/MODEL} with the model configured from
   * {@code env} (see {@link LlmProviders}); each specialist's transcript goes to {@code transcripts}.
   */
  static Reasoner reasoner(String spec, Map<String, String> env,
                           BiConsumer<Specialist, Transcript> transcripts) {
    if (spec.equals("heuristic")) {
      return Reasoner.heuristic();
    }
    if (spec.startsWith("llm:")) {
      var model = LlmProviders.create(spec.substring("llm:".length()), env);
      return Reasoner.llm(spec, s -> model, Reasoner.LlmSettings.defaults().withTranscripts(transcripts));
    }
    throw new ConfigException("unknown reasoner '" + spec + "'; known: heuristic, llm:PROVIDER/MODEL");
  }

  private void print(Investigation inv) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode doc = InvestigationJson.of(inv);
    if (transcript != null) {
      ObjectNode full = doc.deepCopy();
      full.set("timeline", InvestigationJson.timeline(inv));
      if (!agentTranscripts.isEmpty()) {
        ObjectNode agents = full.putObject("agent_transcripts");
        for (Map.Entry<Specialist, Transcript> e : new TreeMap<>(agentTranscripts).entrySet()) {
          agents.set(e.getKey().agent(), JSON.readTree(e.getValue().toJson()));
        }
      }
      try {
        JSON.writerWithDefaultPrettyPrinter().writeValue(transcript.toFile(), full);
      } catch (IOException e) {
        throw new PermanentException("cannot write transcript " + transcript + ": " + e.getMessage(), e);
      }
    }
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } else {
      var d = inv.diagnosis();
      out.printf("diagnosis:   %s at %s (confidence %.2f, %s)%n", d.faultType(), d.rootCause(), d.confidence(),
          inv.decided() ? "confirmed" : "not confirmed");
      out.println("explanation: " + d.explanation());
      out.println("hypotheses:");
      for (Hypothesis h : inv.hypotheses()) {
        out.printf("  %-3s %-9s %.2f  %s at %s  (%s; for %d, against %d)%n", h.id(), h.status(), h.confidence(),
            h.faultType(), h.rootCause(), h.proposedBy(), h.evidenceFor().size(), h.evidenceAgainst().size());
      }
      var c = inv.cost();
      out.printf("cost:        %d steps, %d tool calls, %d+%d tokens, $%.4f, %d ms%n", c.steps(), c.toolCalls(),
          c.inputTokens(), c.outputTokens(), c.usd(), c.wallMs());
    }
    out.flush();
  }
}
