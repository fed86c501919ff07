package dev.responder.app.cli;

import dev.responder.app.config.ResponderConfig;
import dev.responder.app.config.Units;
import dev.responder.app.investigate.Coordinator;
import dev.responder.app.investigate.Detector;
import dev.responder.app.investigate.Investigation;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.investigate.SimulatedIncident;
import dev.responder.app.metrics.ManualBaseline;
import dev.responder.app.remediate.Approver;
import dev.responder.app.remediate.InteractiveApprover;
import dev.responder.app.remediate.ManagedEnvironment;
import dev.responder.app.remediate.MitigationScore;
import dev.responder.app.remediate.Planner;
import dev.responder.app.remediate.PolicyConfig;
import dev.responder.app.remediate.Remediation;
import dev.responder.app.remediate.Remediator;
import dev.responder.app.remediate.SimulatedResponse;
import dev.responder.app.report.Postmortem;
import dev.responder.app.server.ApiTokens;
import dev.responder.app.server.IncidentEvents;
import dev.responder.app.server.ResponderServer;
import dev.responder.app.server.SharedIncidents;
import dev.responder.core.action.AutonomyLevel;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.TelemetryStore;
import dev.responder.sim.problem.Problem;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.sim.problem.Task;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
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
    description = "Serve the web UI, inject a fault into the simulated shop and run the whole loop live: detect, investigate, "
        + "mitigate with your approval (in the UI or here), write the postmortem.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"--problem", "--fault"}, paramLabel = "ID", description = "A mitigation problem id, e.g. bad_deploy-checkout-mitigation (default: picked by the seed).")
  String problem;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the problem choice and instance (default: from the clock, a different run each time).")
  Long seed;

  @Option(names = "--approve-all", description = "Approve every approval request instead of asking in the UI or on the terminal.")
  boolean approveAll;

  @Option(names = "--out", defaultValue = "responder-demo", paramLabel = "DIR", description = "Where the postmortem and the state file go (default ./responder-demo).")
  Path out;

  @Option(names = "--no-serve", description = "Do not serve the UI; approvals come from the terminal, and the command ends after the summary.")
  boolean noServe;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to serve on (default 127.0.0.1).")
  String host;

  @Option(names = "--port", defaultValue = "7070", description = "Port to serve on (default 7070; 0 picks a free one).")
  int port;

  @Option(names = "--log-volume", defaultValue = "0.05", description = "Routine log volume of the simulation (default 0.05).")
  double logVolume;

  @Option(names = "--approval-timeout", defaultValue = "15m", paramLabel = "DURATION",
      description = "How long to wait for a decision on an approval before escalating (default 15m).")
  String approvalTimeout;

  @Option(names = "--reasoner", defaultValue = "heuristic", paramLabel = "SPEC",
      description = "heuristic (default, no LLM) or llm:PROVIDER/MODEL (configured from the environment, see docs/agents-runtime.md).")
  String reasoner;

  /** Where decisions typed on the terminal come from; tests replace it. */
  InputStream terminal = System.in;

  /** Counted down to stop serving, by Ctrl-C or by a test. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    InstantSource wall = InstantSource.system();
    Duration timeout = Units.duration(approvalTimeout, "--approval-timeout");
    long s = seed != null ? seed : wall.millis();
    Path lastFile = out.resolve("last-problem");
    Problem chosen = choose(problem, s, previous(lastFile));
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter o = spec.commandLine().getOut();
    ProgressListener progress = (who, what) -> {
      err.println("[" + who + "] " + what);
      err.flush();
    };
    Reasoner investigator = InvestigateCommand.reasoner(reasoner, System.getenv(), (sp, t) -> { });
    PolicyConfig policy = PolicyConfig.load(global.config);
    ResponderConfig config = global.load().withHost(host).withPort(port);
    Path state = out.resolve("state.duckdb");
    progress.on("demo", "starting the simulated shop; problem " + chosen.id() + " (seed " + s + ")");
    try (DuckDbDatabase db = Stores.openDuckDb(prepare(state));
         TelemetryStore telemetry = Stores.telemetry(":memory:")) {
      remember(lastFile, chosen);
      AnchoredClock clock = new AnchoredClock(wall);
      IncidentEvents events = new IncidentEvents(clock);
      ResponderServer.Backends backends = new ResponderServer.Backends(telemetry, events.observe(SharedIncidents.over(db.incidents())),
          events.observe(db.approvals()), db.audit(), events, out.toAbsolutePath());
      events.subscribe(e -> {
        if (e.type().equals("approval.decided") || e.type().equals("incident.state_changed")) {
          progress.on("events", e.type() + " " + e.incidentId() + describe(e));
        }
      });
      ResponderServer server = noServe ? null : ResponderServer.start(config, backends,
          new ResponderServer.Options(ApiTokens.load(global.config, System.getenv()), ManualBaseline.load(global.config),
              List.of(), false, i -> { }), clock);
      try {
        String base = server == null ? null : "http://" + displayHost(host) + ":" + server.port();
        if (base != null) {
          o.println("web UI:      " + base + "/   (approve or reject proposed actions there or here)");
          o.flush();
        }
        try (SimulatedIncident sim = SimulatedIncident.play(chosen, s, logVolume, telemetry)) {
          clock.anchor(sim.instance().simulation().now());
          Integer code = run(chosen, sim, backends, clock, investigator, policy, timeout, base, progress);
          if (code != 0 || server == null) {
            return code;
          }
          o.println("serving:     " + base + "/   API " + base + "/api/v1/incidents, " + base + "/api/v1/openapi.json   (Ctrl-C to stop)");
          o.flush();
          Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
          stop.await();
          return 0;
        }
      } finally {
        if (server != null) {
          server.close();
        }
      }
    }
  }

  private Integer run(Problem chosen, SimulatedIncident sim, ResponderServer.Backends backends, AnchoredClock clock,
                      Reasoner investigator, PolicyConfig policy, Duration timeout, String base, ProgressListener progress) {
    progress.on("simulator", "fault injected at " + sim.instance().injectAt() + ": " + chosen.description());
    Optional<Incident> detected = Detector.detect(sim.context());
    if (detected.isEmpty()) {
      spec.commandLine().getOut().println("no incident detected; try another --seed");
      return 1;
    }
    Incident opened = detected.get().record(new TimelineEntry(detected.get().openedAt(), "impact",
        "impact started (simulator ground truth)", Map.of("started_at", sim.instance().injectAt().toString(),
            "source", "simulator")));
    backends.incidents().save(opened);
    progress.on("detector", opened.title() + (base == null ? "" : "  " + base + "/#/incidents/" + opened.id()));
    ProgressListener live = progress.andThen(backends.events().progressOf(opened.id()));
    Investigation inv = Coordinator.create(investigator, clock, live).investigate(opened, sim.context());
    backends.incidents().save(inv.incident());
    Approver approver = approver(backends, clock, timeout, base, inv.incident());
    Remediation r = Remediator.create(Planner.playbook(),
            Remediator.Settings.of(policy.policy().forRun(AutonomyLevel.SUPERVISED), policy.environment()), approver,
            new Remediator.Ports(backends.approvals(), backends.audit(), backends.incidents()), clock)
        .remediate(inv.incident(), SimulatedResponse.diagnoses(inv), List.of(), sim.context(),
            new LiveSimulation(ManagedEnvironment.simulated(sim.instance().simulation(), sim.store()), clock));
    progress.on("remediator", r.outcome() + ": " + r.summary());
    backends.incidents().save(r.incident());
    Postmortem pm = Postmortem.build(inv.incident(), r, inv.cost(), sim.instance().simulation().topology(), sim.store(),
        sim.instance().injectAt());
    Postmortem.Written written = pm.write(out);
    summary(chosen, r, MitigationScore.of(sim.instance(), r), written, base);
    return 0;
  }

  private Approver approver(ResponderServer.Backends backends, InstantSource clock, Duration timeout, String base, Incident incident) {
    if (approveAll) {
      return Approver.autoApprove("demo --approve-all", clock);
    }
    String where = base == null ? "here" : "in the web UI at " + base + "/#/incidents/" + incident.id();
    return new InteractiveApprover(backends.approvals(), InteractiveApprover.readLines(terminal), spec.commandLine().getOut(),
        System.getProperty("user.name", "operator"), where, clock, timeout, Duration.ofMillis(300));
  }

  /** The named problem, or a mitigation problem picked by {@code seed}. */
  static Problem choose(String id, long seed) {
    return choose(id, seed, null);
  }

  /** As {@link #choose(String, long)}, never picking {@code previous} (the last run's problem) unless named. */
  static Problem choose(String id, long seed, String previous) {
    ProblemRegistry registry = ProblemRegistry.standard();
    if (id != null) {
      Problem p = registry.get(id);
      if (p.task() != Task.MITIGATION) {
        throw new IllegalArgumentException("--problem must be a mitigation problem but was " + id + " (" + p.task() + ")");
      }
      return p;
    }
    List<Problem> mitigation = registry.all().stream().filter(p -> p.task() == Task.MITIGATION && p.faulty()).toList();
    int pick = new SplittableRandom(seed).nextInt(mitigation.size());
    if (mitigation.get(pick).id().equals(previous)) {
      pick = (pick + 1) % mitigation.size();
    }
    return mitigation.get(pick);
  }

  private static Path prepare(Path state) {
    try {
      java.nio.file.Files.createDirectories(state.getParent());
      return state;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot create --out directory " + state.getParent() + ": " + e.getMessage(), e);
    }
  }

  private static String previous(Path lastFile) {
    try {
      return Files.isRegularFile(lastFile) ? Files.readString(lastFile, StandardCharsets.UTF_8).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void remember(Path lastFile, Problem chosen) {
    try {
      Files.writeString(lastFile, chosen.id() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // only the next run's variety depends on it
    }
  }

  private static String describe(IncidentEvents.Event e) {
    var d = e.data();
    if (e.type().equals("incident.state_changed")) {
      return ": " + d.path("from").asText() + " -> " + d.path("to").asText();
    }
    return ": " + d.path("id").asText() + " " + d.path("state").asText()
        + (d.path("decided_by").asText("").isEmpty() ? "" : " by " + d.path("decided_by").asText());
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }

  private void summary(Problem chosen, Remediation r, MitigationScore score, Postmortem.Written written, String base) {
    PrintWriter o = spec.commandLine().getOut();
    var d = r.incident().diagnosis();
    o.printf("problem:     %s%n", chosen.id());
    o.printf("incident:    %s %s%n", r.incident().id(), r.incident().state());
    o.printf("diagnosis:   %s%n", d == null ? "-" : d.faultType() + " at " + d.rootCause());
    o.printf("outcome:     %s: %s%n", r.outcome(), r.summary());
    o.printf("oracle:      mitigated=%s, unsafe actions=%d%n", score.mitigated(), score.unsafeActions());
    o.printf("postmortem:  %s%n             %s%n", written.markdown(), written.html());
    if (base != null) {
      o.printf("incident:    %s/#/incidents/%s%n", base, r.incident().id());
    }
    o.flush();
  }
}
