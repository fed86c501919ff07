package dev.responder.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.remediate.Approver;
import dev.responder.app.remediate.PolicyConfig;
import dev.responder.app.remediate.Remediation;
import dev.responder.app.remediate.RemediationJson;
import dev.responder.app.remediate.Remediator;
import dev.responder.app.remediate.SimulatedResponse;
import dev.responder.core.action.ActionResult;
import dev.responder.core.action.AutonomyLevel;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code responder respond}: the whole loop on a simulator problem, from detection to a verified mitigation. */
@Command(name = "respond", mixinStandardHelpOptions = true,
    description = "Detect, investigate, plan, sandbox, approve, execute and verify on a simulator problem.")
public final class RespondCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = "--problem", required = true, paramLabel = "ID", description = "A simulator problem id, e.g. bad_deploy-checkout-mitigation.")
  String problem;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the problem instance (default 1).")
  long seed;

  @Option(names = "--log-volume", defaultValue = "0.05", description = "Routine log volume of the simulation (default 0.05).")
  double logVolume;

  @Option(names = "--autonomy", defaultValue = "supervised", description = "observe, recommend, supervised (default) or autonomous: the most this run may do.")
  String autonomy;

  @Option(names = "--approve-all", description = "Approve every approval request instead of asking on the terminal.")
  boolean approveAll;

  @Option(names = "--state", paramLabel = "FILE", description = "DuckDB file for approvals and the audit log (default: in memory).")
  Path state;

  @Option(names = "--json", description = "Print JSON: mitigated, actions, unsafe_actions, time_to_mitigate_s and the details.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    AutonomyLevel level = PolicyConfig.level(autonomy, "--autonomy");
    PolicyConfig config = PolicyConfig.load(global.config);
    var problemDef = ProblemRegistry.standard().get(problem);
    PrintWriter err = spec.commandLine().getErr();
    ProgressListener progress = (who, what) -> {
      err.println("[" + who + "] " + what);
      err.flush();
    };
    InstantSource clock = InstantSource.system();
    Approver approver = approveAll ? Approver.autoApprove("cli --approve-all", clock)
        : Approver.terminal(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            spec.commandLine().getOut(), System.getProperty("user.name", "operator"), clock);
    try (DuckDbDatabase db = Stores.openDuckDb(state)) {
      Remediator remediator = Remediator.create(dev.responder.app.remediate.Planner.playbook(),
          Remediator.Settings.of(config.policy().forRun(level), config.environment()), approver,
          new Remediator.Ports(db.approvals(), db.audit(), db.incidents()), clock);
      SimulatedResponse.Result result = SimulatedResponse.run(problemDef, seed, logVolume, Reasoner.heuristic(), remediator,
          progress, clock);
      print(result);
    }
    return 0;
  }

  private void print(SimulatedResponse.Result result) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Remediation r = result.remediation();
    var score = result.score();
    if (json) {
      ObjectNode doc = r == null ? JSON.createObjectNode().put("outcome", "NOT_DETECTED") : RemediationJson.of(r);
      doc.put("problem", problem);
      doc.put("mitigated", score.mitigated());
      doc.put("unsafe_actions", score.unsafeActions());
      if (score.timeToMitigate() == null) {
        doc.putNull("time_to_mitigate_s");
      } else {
        doc.put("time_to_mitigate_s", score.timeToMitigate().toSeconds());
      }
      if (result.investigation() != null) {
        var d = result.investigation().diagnosis();
        doc.putObject("diagnosis").put("service", d.rootCause().name()).put("fault_type", d.faultType().name())
            .put("confidence", d.confidence());
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } else if (r == null) {
      out.println("no incident detected");
    } else {
      var d = result.investigation().diagnosis();
      out.printf("diagnosis:  %s at %s (confidence %.2f)%n", d.faultType(), d.rootCause(), d.confidence());
      r.sandbox().forEach(s -> out.printf("sandbox:    %-22s %s%n", s.plan().name(), s.verdict()));
      r.decisions().forEach(p -> out.println("policy:     " + p.explanation()));
      r.approvals().forEach(a -> out.printf("approval:   %s %s by %s: %s%n", a.id(), a.state(), a.decidedBy(), a.comment()));
      for (ActionResult e : r.executed()) {
        out.printf("executed:   %s -> %s%n", e.action().describe(), e.message());
      }
      r.rolledBack().forEach(e -> out.printf("rolled back: %s -> %s%n", e.action().describe(), e.message()));
      r.recommended().forEach(a -> out.println("recommend:  " + a.describe()));
      out.printf("outcome:    %s (incident %s): %s%n", r.outcome(), r.incident().state(), r.summary());
      out.printf("oracle:     mitigated=%s, unsafe actions=%d, time to mitigate=%s%n", score.mitigated(), score.unsafeActions(),
          score.timeToMitigate() == null ? "-" : score.timeToMitigate().toSeconds() + " s");
    }
    out.flush();
  }
}
