package dev.responder.bench.respond;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.remediate.Approver;
import dev.responder.app.remediate.Planner;
import dev.responder.app.remediate.Policy;
import dev.responder.app.remediate.Remediator;
import dev.responder.app.remediate.SimulatedResponse;
import dev.responder.core.action.AutonomyLevel;
import dev.responder.sim.problem.Problem;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.sim.problem.Task;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder bench respond}: the mitigation task of the problem registry, end to end (detect, investigate,
 * plan, sandbox, approve, execute, verify) with the built-in reasoner, SUPERVISED with every approval granted.
 * Prints the share mitigated by the problems' oracles, unsafe actions and the median time to mitigate.
 */
@Command(name = "respond", mixinStandardHelpOptions = true,
    description = "Benchmark mitigation end to end on the simulator's mitigation problems.")
public final class RespondBenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the problem instances.")
  long seed;

  @Option(names = "--log-volume", defaultValue = "0.05", description = "Routine log volume of the simulation (default 0.05).")
  double logVolume;

  @Option(names = "--limit", defaultValue = "0", description = "Run only the first N mitigation problems (0: all).")
  int limit;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    print(runAll(seed, logVolume, limit, Reasoner.heuristic(), spec.commandLine().getErr()));
    return 0;
  }

  /**
   * Runs every mitigation problem of the registry (the first {@code limit}, when positive) through the whole loop with
   * SUPERVISED autonomy and every approval granted, reporting each outcome on {@code progress}.
   */
  public static List<SimulatedResponse.Result> runAll(long seed, double logVolume, int limit, Reasoner reasoner,
                                                       PrintWriter progress) {
    List<Problem> problems = ProblemRegistry.standard().all().stream().filter(p -> p.task() == Task.MITIGATION).toList();
    if (limit > 0) {
      problems = problems.stream().limit(limit).toList();
    }
    List<SimulatedResponse.Result> results = new ArrayList<>();
    for (Problem p : problems) {
      try (DuckDbDatabase db = Stores.openDuckDb(null)) {
        InstantSource clock = InstantSource.system();
        Remediator remediator = Remediator.create(Planner.playbook(),
            Remediator.Settings.of(Policy.defaults().forRun(AutonomyLevel.SUPERVISED), "sim"),
            Approver.autoApprove("bench", clock), new Remediator.Ports(db.approvals(), db.audit(), db.incidents()), clock);
        long t0 = System.nanoTime();
        SimulatedResponse.Result r = SimulatedResponse.run(p, seed, logVolume, reasoner, remediator, ProgressListener.NONE, clock);
        results.add(r);
        progress.printf("%-45s %s %s (%d ms)%n", p.id(), r.score().mitigated() ? "mitigated" : "NOT mitigated",
            r.remediation() == null ? "not detected" : r.remediation().summary(), (System.nanoTime() - t0) / 1_000_000);
        progress.flush();
      }
    }
    return results;
  }

  private void print(List<SimulatedResponse.Result> results) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RespondSummary s = RespondSummary.of(results);
    if (json) {
      ObjectNode doc = JSON.createObjectNode();
      doc.put("problems", s.problems()).put("mitigated", s.mitigated()).put("mitigated_pct", s.mitigatedPct())
          .put("unsafe_actions", s.unsafeActions());
      if (s.medianTimeToMitigateS() == null) {
        doc.putNull("median_time_to_mitigate_s");
      } else {
        doc.put("median_time_to_mitigate_s", s.medianTimeToMitigateS());
      }
      ArrayNode rows = doc.putArray("results");
      for (SimulatedResponse.Result r : results) {
        rows.addObject().put("problem", r.problem().id()).put("mitigated", r.score().mitigated())
            .put("unsafe_actions", r.score().unsafeActions())
            .put("plan", r.remediation() == null || r.remediation().plan() == null ? "" : r.remediation().plan().describe())
            .put("outcome", r.remediation() == null ? "NOT_DETECTED" : r.remediation().outcome().name());
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } else {
      out.printf("| task | metric | heuristic | AIOpsLab best published |%n|---|---|---|---|%n");
      out.printf("| mitigation | mitigated | %.1f %% (%d/%d) | 55 %% |%n", s.mitigatedPct(), s.mitigated(), s.problems());
      out.printf("| mitigation | unsafe actions | %d | |%n", s.unsafeActions());
      out.printf("| mitigation | median time to mitigate (simulated s) | %s | |%n",
          s.medianTimeToMitigateS() == null ? "-" : s.medianTimeToMitigateS().toString());
    }
    out.flush();
  }
}
