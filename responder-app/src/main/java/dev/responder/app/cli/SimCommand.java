package dev.responder.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.server.Storage;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.AppModel;
import dev.responder.sim.Fault;
import dev.responder.sim.FaultDefinition;
import dev.responder.sim.Faults;
import dev.responder.sim.SimSettings;
import dev.responder.sim.Simulation;
import dev.responder.sim.problem.CaseBundleWriter;
import dev.responder.sim.problem.Problem;
import dev.responder.sim.problem.ProblemInstance;
import dev.responder.sim.problem.ProblemRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code responder sim}: the simulated cloud and its problem registry. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Simulated cloud: run an application with a fault, list and export registry problems.",
    subcommands = {SimCommand.Run.class, SimCommand.Problems.class, SimCommand.Describe.class, SimCommand.Export.class})
final class SimCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Parses 2h, 90m, 45s, 1h30m; whole multiples of 10 s. */
  static Duration duration(String text) {
    Matcher m = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(text.trim().toLowerCase(Locale.ROOT));
    if (text.isBlank() || !m.matches()) {
      throw new IllegalArgumentException("duration must look like 2h, 90m, 1h30m or 600s but was '" + text + "'");
    }
    long s = 0;
    for (int g = 1; g <= 3; g++) {
      if (m.group(g) != null) {
        s += Long.parseLong(m.group(g)) * (g == 1 ? 3600 : g == 2 ? 60 : 1);
      }
    }
    return Duration.ofSeconds(s);
  }

  static String human(Duration d) {
    long m = d.toMinutes();
    return m >= 60 ? (m / 60) + "h" + (m % 60 == 0 ? "" : (m % 60) + "m") : m + "m";
  }

  /** {@code responder sim run}. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Simulate an application, optionally with a fault, into a store.")
  static final class Run implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--app", defaultValue = "shop", description = "Bundled application name or a YAML file (default: shop).")
    String app;

    @Option(names = "--fault", paramLabel = "ID", description = "Fault to inject: NAME or NAME@TARGET (e.g. memory_leak@cart).")
    String fault;

    @Option(names = "--intensity", defaultValue = "0.5", description = "Fault intensity in [0, 1] (default 0.5).")
    double intensity;

    @Option(names = "--at", paramLabel = "DURATION", description = "When the fault starts, after the start (default: a third of the run).")
    String at;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default 1).")
    long seed;

    @Option(names = "--duration", defaultValue = "1h", description = "Simulated time (default 1h).")
    String duration;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Simulated start time (default: seed-dependent on 2026-11-01).")
    Instant start;

    @Option(names = "--store", paramLabel = "FILE|URL", description = "Telemetry store (default from config: responder.duckdb).")
    String store;

    @Override
    public Integer call() {
      AppModel model = app.endsWith(".yaml") || app.endsWith(".yml") ? AppModel.load(Path.of(app)) : AppModel.bundled(app);
      Duration total = duration(duration);
      Simulation sim = Simulation.create(model, SimSettings.defaults().withStart(start), seed);
      Fault injected = null;
      if (fault != null) {
        String name = fault.contains("@") ? fault.substring(0, fault.indexOf('@')) : fault;
        var candidates = Faults.candidates(Faults.definition(name).type(), model);
        if (candidates.isEmpty()) {
          throw new IllegalArgumentException("fault " + name + " fits no service of " + model.name());
        }
        ServiceId target = fault.contains("@") ? ServiceId.of(fault.substring(fault.indexOf('@') + 1)) : candidates.get(0);
        Duration offset = at == null ? Duration.ofSeconds(total.toSeconds() / 3 / 10 * 10) : duration(at);
        injected = Faults.create(name, model, target, sim.now().plus(offset), intensity);
        sim.inject(injected);
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Duration chunk = Duration.ofMinutes(5);
      try (TelemetryStore telemetry = Storage.openTelemetry(global.load().withStore(store))) {
        Duration done = Duration.ZERO;
        while (done.compareTo(total) < 0) {
          Duration step = total.minus(done).compareTo(chunk) < 0 ? total.minus(done) : chunk;
          sim.advance(step, telemetry);
          done = done.plus(step);
          err.println("simulated " + human(done) + " / " + human(total));
          err.flush();
        }
      }
      out.printf("simulated %s of %s (seed %d) from %s to %s%n", human(total), model.name(), seed, sim.start(), sim.now());
      if (injected != null) {
        out.println("ground truth: " + injected.describe() + (sim.residualFault() ? " (still active)" : ""));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code responder sim problems}. */
  @Command(name = "problems", mixinStandardHelpOptions = true, description = "List the problem registry.")
  static final class Problems implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      var all = ProblemRegistry.standard().all();
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode arr = mapper.createArrayNode();
        for (Problem p : all) {
          ObjectNode n = arr.addObject();
          n.put("id", p.id());
          n.put("app", p.app());
          n.put("task", p.task().id());
          n.put("fault_type", p.faulty() ? p.faultType().name() : "no_fault");
          n.put("target", p.faulty() ? p.target().name() : "");
          n.put("description", p.description());
        }
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
      } else {
        Table t = new Table("ID", "TASK", "FAULT", "TARGET");
        for (Problem p : all) {
          t.row(p.id(), p.task().id(), p.faulty() ? p.faultType().name() : "no_fault", p.faulty() ? p.target().name() : "");
        }
        t.note(all.size() + " problems");
        out.print(t.render());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code responder sim describe}. */
  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one problem: fault, signature, fix, oracle.")
  static final class Describe implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROBLEM", description = "Problem id (see 'responder sim problems').")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Problem p = ProblemRegistry.standard().get(id);
      out.println("problem:     " + p.id());
      out.println("application: " + p.app());
      out.println("task:        " + p.task().id());
      out.println("description: " + p.description());
      if (p.faulty()) {
        FaultDefinition d = Faults.definition(p.faultType().name());
        out.println("fault:       " + d.type() + " on " + p.target());
        out.println("summary:     " + d.summary());
        out.println("signature:   " + d.signature());
        out.println("fix:         " + d.fix());
        out.println("not a fix:   " + d.notAFix());
        out.println("oracle:      root cause " + p.target() + ", type " + d.type() + ", start = the seeded injection time; "
            + "mitigated when every SLO holds for " + human(ProblemInstance.MITIGATION_WINDOW) + " and no fault remains");
      } else {
        out.println("oracle:      no fault; any incident raised is a false positive"
            + (p.herring().isEmpty() ? "" : " (a benign " + p.herring().replace('_', ' ') + " is added)"));
      }
      out.println("timeline:    warm-up " + human(ProblemInstance.WARMUP) + ", injection within the next 10m, incident window "
          + human(ProblemInstance.WINDOW) + "; day, hour, intensity and red herrings vary with the seed");
      out.flush();
      return 0;
    }
  }

  /** {@code responder sim export}. */
  @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a problem's telemetry and labels as a case bundle.")
  static final class Export implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--problem", required = true, paramLabel = "ID", description = "Problem id.")
    String id;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default 1).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the case into.")
    Path out;

    @Option(names = "--log-volume", defaultValue = "1.0", description = "Multiplier of the routine log rate (default 1).")
    double logVolume;

    @Override
    public Integer call() {
      Problem p = ProblemRegistry.standard().get(id);
      ProblemInstance instance = ProblemInstance.start(p, seed, SimSettings.defaults().withLogVolume(logVolume));
      spec.commandLine().getErr().println("simulating " + human(java.time.Duration.between(instance.simulation().now(),
          instance.evaluationStart())) + " of " + p.app() + " ...");
      CaseBundleWriter.export(instance, out);
      PrintWriter w = spec.commandLine().getOut();
      w.println("wrote case " + p.id() + " (seed " + seed + ") to " + out + ": metrics.csv, logs.jsonl, spans.jsonl, case.json");
      w.flush();
      return 0;
    }
  }
}
