package dev.responder.app.cli;

import dev.responder.app.investigate.Coordinator;
import dev.responder.app.investigate.Detector;
import dev.responder.app.investigate.Investigation;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.app.remediate.Approver;
import dev.responder.app.remediate.ManagedEnvironment;
import dev.responder.app.remediate.MitigationScore;
import dev.responder.app.remediate.Planner;
import dev.responder.app.remediate.PolicyConfig;
import dev.responder.app.remediate.Remediation;
import dev.responder.app.remediate.Remediator;
import dev.responder.app.remediate.SimulatedResponse;
import dev.responder.app.report.Postmortem;
import dev.responder.app.server.ApiTokens;
import dev.responder.app.server.IncidentApi;
import dev.responder.app.server.ReportServer;
import dev.responder.core.action.AutonomyLevel;
import dev.responder.core.incident.Incident;
import dev.responder.sim.problem.Problem;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.sim.problem.Task;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder demo}: the whole loop live on the simulated shop with supervised autonomy, then a postmortem in
 * Markdown and HTML and a local server to read it. A different mitigation problem each run unless one is named.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Inject a fault into the simulated shop, detect, investigate, mitigate with your approval, write the postmortem.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"--problem", "--fault"}, paramLabel = "ID", description = "A mitigation problem id, e.g. bad_deploy-checkout-mitigation (default: picked by the seed).")
  String problem;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the problem choice and instance (default: from the clock, a different run each time).")
  Long seed;

  @Option(names = "--approve-all", description = "Approve every approval request instead of asking on the terminal.")
  boolean approveAll;

  @Option(names = "--out", defaultValue = "responder-demo", paramLabel = "DIR", description = "Where the postmortem and the state file go (default ./responder-demo).")
  Path out;

  @Option(names = "--no-serve", description = "Finish after the summary instead of serving the postmortem.")
  boolean noServe;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to serve on (default 127.0.0.1).")
  String host;

  @Option(names = "--port", defaultValue = "7070", description = "Port to serve on (default 7070; 0 picks a free one).")
  int port;

  @Option(names = "--log-volume", defaultValue = "0.05", description = "Routine log volume of the simulation (default 0.05).")
  double logVolume;

  @Override
  public Integer call() throws InterruptedException {
    InstantSource wall = InstantSource.system();
    long s = seed != null ? seed : wall.millis();
    Problem chosen = choose(problem, s);
    PrintWriter err = spec.commandLine().getErr();
    ProgressListener progress = (who, what) -> {
      err.println("[" + who + "] " + what);
      err.flush();
    };
    progress.on("demo", "problem " + chosen.id() + " (seed " + s + "): " + chosen.description());
    Path state = out.resolve("state.duckdb");
    try (DuckDbDatabase db = Stores.openDuckDb(prepare(state));
         SimulatedIncident sim = SimulatedIncident.play(chosen, s, logVolume)) {
      Optional<Incident> detected = Detector.detect(sim.context());
      if (detected.isEmpty()) {
        spec.commandLine().getOut().println("no incident detected; try another --seed");
        return 1;
      }
      progress.on("detector", detected.get().title());
      InstantSource clock = simAnchored(sim, wall);
      Investigation inv = Coordinator.create(Reasoner.heuristic(), clock, progress).investigate(detected.get(), sim.context());
      progress.on("coordinator", "diagnosis: " + inv.diagnosis().faultType() + " at " + inv.diagnosis().rootCause());
      Remediation r = remediator(db, clock).remediate(inv.incident(), SimulatedResponse.diagnoses(inv), List.of(), sim.context(),
          ManagedEnvironment.simulated(sim.instance().simulation(), sim.store()));
      progress.on("remediator", r.outcome() + ": " + r.summary());
      db.incidents().save(r.incident());
      Postmortem pm = Postmortem.build(inv.incident(), r, inv.cost(), sim.instance().simulation().topology(), sim.store(),
          sim.instance().injectAt());
      Postmortem.Written written = pm.write(out);
      summary(chosen, r, MitigationScore.of(sim.instance(), r), written);
      if (!noServe) {
        serve(db, r.incident());
      }
    }
    return 0;
  }

  /** The named problem, or a mitigation problem picked by {@code seed}. */
  static Problem choose(String id, long seed) {
    ProblemRegistry registry = ProblemRegistry.standard();
    if (id != null) {
      Problem p = registry.get(id);
      if (p.task() != Task.MITIGATION) {
        throw new IllegalArgumentException("--problem must be a mitigation problem but was " + id + " (" + p.task() + ")");
      }
      return p;
    }
    List<Problem> mitigation = registry.all().stream().filter(p -> p.task() == Task.MITIGATION && p.faulty()).toList();
    return mitigation.get(new SplittableRandom(seed).nextInt(mitigation.size()));
  }

  private static Path prepare(Path state) {
    try {
      java.nio.file.Files.createDirectories(state.getParent());
      return state;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot create --out directory " + state.getParent() + ": " + e.getMessage(), e);
    }
  }

  /** Wall time shifted so the run starts at the simulated detection: one timeline on the telemetry's clock. */
  private static InstantSource simAnchored(SimulatedIncident sim, InstantSource wall) {
    return Clock.offset(Clock.systemUTC(), Duration.between(wall.instant(), sim.instance().simulation().now()));
  }

  private Remediator remediator(DuckDbDatabase db, InstantSource clock) {
    PolicyConfig config = PolicyConfig.load(global.config);
    Approver approver = approveAll ? Approver.autoApprove("demo --approve-all", clock)
        : Approver.terminal(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            spec.commandLine().getOut(), System.getProperty("user.name", "operator"), clock);
    return Remediator.create(Planner.playbook(),
        Remediator.Settings.of(config.policy().forRun(AutonomyLevel.SUPERVISED), config.environment()), approver,
        new Remediator.Ports(db.approvals(), db.audit(), db.incidents()), clock);
  }

  private void summary(Problem chosen, Remediation r, MitigationScore score, Postmortem.Written written) {
    PrintWriter o = spec.commandLine().getOut();
    var d = r.incident().diagnosis();
    o.printf("problem:     %s%n", chosen.id());
    o.printf("incident:    %s %s%n", r.incident().id(), r.incident().state());
    o.printf("diagnosis:   %s%n", d == null ? "-" : d.faultType() + " at " + d.rootCause());
    o.printf("outcome:     %s: %s%n", r.outcome(), r.summary());
    o.printf("oracle:      mitigated=%s, unsafe actions=%d%n", score.mitigated(), score.unsafeActions());
    o.printf("postmortem:  %s%n             %s%n", written.markdown(), written.html());
    o.flush();
  }

  private void serve(DuckDbDatabase db, Incident incident) throws InterruptedException {
    IncidentApi api = IncidentApi.create(db.incidents(), db.approvals(), db.audit(), java.time.InstantSource.system(), ApiTokens.none());
    try (ReportServer server = ReportServer.start(host, port, db.incidents(), out, api::register)) {
      String base = "http://" + host + ":" + server.port();
      PrintWriter o = spec.commandLine().getOut();
      o.println("serving:     " + base + "/reports/" + incident.id() + ".html");
      o.println("             " + base + "/api/v1/incidents, " + base + "/api/v1/openapi.json   (Ctrl-C to stop)");
      o.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
  }
}
