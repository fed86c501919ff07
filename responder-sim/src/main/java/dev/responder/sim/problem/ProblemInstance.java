package dev.responder.sim.problem;

import dev.responder.core.port.TelemetrySink;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.AppModel;
import dev.responder.sim.Fault;
import dev.responder.sim.Faults;
import dev.responder.sim.RedHerring;
import dev.responder.sim.SimSettings;
import dev.responder.sim.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A problem made concrete by a seed: the simulation (positioned at its start), the fault scheduled at a seeded
 * time with a seeded intensity, seeded red herrings, and the oracle. {@link #run} plays the warm-up and the
 * incident into a sink; afterwards an agent investigates and acts on {@link #simulation()}.
 */
public final class ProblemInstance {
  /** Healthy history before the fault, so that baselines exist. */
  public static final Duration WARMUP = Duration.ofMinutes(40);
  /** How long the incident runs before the evaluation starts. */
  public static final Duration WINDOW = Duration.ofMinutes(20);
  /** How long SLOs must hold for a mitigation to count. */
  public static final Duration MITIGATION_WINDOW = Duration.ofMinutes(5);
  private static final List<String> CALM = List.of("recommendation", "shipping", "currency");

  private final Problem problem;
  private final long seed;
  private final Simulation simulation;
  private final Fault fault;
  private final List<RedHerring> herrings;
  private final Instant injectAt;

  private ProblemInstance(Problem problem, long seed, Simulation simulation, Fault fault, List<RedHerring> herrings,
                          Instant injectAt) {
    this.problem = problem;
    this.seed = seed;
    this.simulation = simulation;
    this.fault = fault;
    this.herrings = List.copyOf(herrings);
    this.injectAt = injectAt;
  }

  /** Builds the instance with default settings. */
  public static ProblemInstance start(Problem problem, long seed) {
    return start(problem, seed, SimSettings.defaults());
  }

  /**
   * Builds the instance: the day and the hour (between 11:00 and 19:00, when traffic is high), the injection time
   * within the ten minutes after the warm-up, the intensity and the red herrings all follow from the seed. The
   * settings' start is ignored.
   */
  public static ProblemInstance start(Problem problem, long seed, SimSettings settings) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    long step = settings.resolution().toSeconds();
    long offset = r.nextLong(28) * 86_400 + 10 * 3600 + 1800 + r.nextLong(7 * 3600 / step) * step;
    Instant start = SimSettings.DEFAULT_EPOCH.plusSeconds(offset);
    Instant inject = start.plus(WARMUP).plusSeconds(r.nextLong(600 / step) * step);
    AppModel app = AppModel.bundled(problem.app());
    Simulation sim = Simulation.create(app, settings.withStart(start), seed);
    Fault fault = null;
    double intensity = r.nextDouble();
    if (problem.faulty()) {
      fault = Faults.create(problem.faultType().name(), app, problem.target(), inject, intensity);
      sim.inject(fault);
    }
    List<RedHerring> herrings = herrings(problem, r, inject, app);
    herrings.forEach(sim::add);
    return new ProblemInstance(problem, seed, sim, fault, herrings, inject);
  }

  private static List<RedHerring> herrings(Problem problem, SplittableRandom r, Instant inject, AppModel app) {
    List<RedHerring> out = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    if (!problem.herring().isEmpty()) {
      kinds.add(problem.herring());
    } else if (problem.faulty()) {
      // Faulty problems get zero to two red herrings, chosen by the seed.
      for (String k : List.of("batch_job", "unrelated_deploy", "log_burst")) {
        if (r.nextDouble() < 0.35) {
          kinds.add(k);
        }
      }
    }
    for (String kind : kinds) {
      List<String> others = app.services().stream().filter(s -> s.operated() && s.kind() == dev.responder.sim.ServiceSpec.Kind.SERVICE)
          .map(s -> s.id().name()).filter(n -> problem.target() == null || !n.equals(problem.target().name())).toList();
      List<String> calm = CALM.stream().filter(others::contains).toList();
      Instant at = inject.plusSeconds(r.nextLong(-900, 600) / 10 * 10);
      switch (kind) {
        case "batch_job" -> out.add(new RedHerring.BatchJob(ServiceId.of(calm.get(r.nextInt(calm.size()))), at,
            Duration.ofMinutes(10 + r.nextInt(10)), "reindex-products"));
        case "unrelated_deploy" -> {
          String svc = others.get(r.nextInt(others.size()));
          out.add(new RedHerring.UnrelatedDeploy(ServiceId.of(svc), at, app.service(ServiceId.of(svc)).version() + "-hotfix.1"));
        }
        default -> out.add(new RedHerring.LogBurst(ServiceId.of(others.get(r.nextInt(others.size()))), at,
            Duration.ofMinutes(3 + r.nextInt(5)), "DEPRECATION: endpoint /v1/legacy-prices is deprecated and will be removed"));
      }
    }
    return out;
  }

  /** Plays from the start through the warm-up and the incident window, telemetry into the sink (null discards). */
  public void run(TelemetrySink sink) {
    Duration left = Duration.between(simulation.now(), evaluationStart());
    if (!left.isNegative() && !left.isZero()) {
      simulation.advance(left, sink);
    }
  }

  public Problem problem() {
    return problem;
  }

  public long seed() {
    return seed;
  }

  public Simulation simulation() {
    return simulation;
  }

  public Optional<Fault> fault() {
    return Optional.ofNullable(fault);
  }

  public List<RedHerring> redHerrings() {
    return herrings;
  }

  /** When the fault is injected (for a no-fault problem: when it would have been). */
  public Instant injectAt() {
    return injectAt;
  }

  /** When the incident window ends and the agent's work begins. */
  public Instant evaluationStart() {
    return injectAt.plus(WINDOW);
  }

  public Oracle oracle() {
    return fault == null
        ? new Oracle(problem.task(), false, null, null, null, MITIGATION_WINDOW)
        : new Oracle(problem.task(), true, fault.target(), fault.type(), fault.start(), MITIGATION_WINDOW);
  }

  /** The mitigation check on the simulated state: SLOs held for the window and no residual fault. */
  public boolean mitigated() {
    return simulation.mitigated(MITIGATION_WINDOW);
  }
}
