package dev.responder.app.investigate;

import static dev.responder.app.aci.AciTools.GET_TOPOLOGY;
import static dev.responder.app.aci.AciTools.LOG_PATTERNS;
import static dev.responder.app.aci.AciTools.RANK_ROOT_CAUSES;
import static dev.responder.app.aci.AciTools.RECENT_CHANGES;
import static dev.responder.app.aci.AciTools.SUBMIT_DIAGNOSIS;
import static dev.responder.app.aci.AciTools.TOP_ANOMALIES;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.app.aci.AciContext;
import dev.responder.app.aci.AciTools;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an investigation: triage, routing to specialists that work in parallel (virtual threads) on a shared
 * hypothesis board, a merge that weighs the analysis engine's ranking, the decision and the submitted diagnosis,
 * all recorded on the incident's timeline.
 */
public final class Coordinator {
  private static final Set<String> OWN_TOOLS = Set.of(GET_TOPOLOGY, TOP_ANOMALIES, LOG_PATTERNS, RECENT_CHANGES,
      RANK_ROOT_CAUSES, SUBMIT_DIAGNOSIS);

  private final Reasoner reasoner;
  private final InstantSource clock;
  private final ProgressListener progress;

  private Coordinator(Reasoner reasoner, InstantSource clock, ProgressListener progress) {
    this.reasoner = Objects.requireNonNull(reasoner, "reasoner");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** A coordinator driving specialists with {@code reasoner}; {@code clock} times the work and stamps the timeline. */
  public static Coordinator create(Reasoner reasoner, InstantSource clock, ProgressListener progress) {
    return new Coordinator(reasoner, clock, progress);
  }

  public Investigation investigate(Incident opened, AciContext ctx) {
    Instant started = clock.instant();
    AtomicReference<Diagnosis> submitted = new AtomicReference<>();
    ToolRegistry all = AciTools.registry(ctx, submitted::set);
    ToolSession own = new ToolSession(all.scoped("coordinator", OWN_TOOLS), clock, progress);
    Topo topo = Topo.from(own.call(GET_TOPOLOGY).data());
    JsonNode anomalies = own.call(TOP_ANOMALIES, "limit", 20).data();
    JsonNode patterns = own.call(LOG_PATTERNS, "limit", 25).data();
    JsonNode changes = own.call(RECENT_CHANGES, "limit", 30).data();
    Set<Triage.Category> categories = Triage.classify(anomalies, patterns, changes, topo);
    Set<Specialist> routed = Triage.route(categories);
    progress.on("coordinator", "triage " + categories + " -> " + routed);
    Incident incident = opened.moveTo(IncidentState.TRIAGED, clock.instant(), "categories " + categories + ", routed to " + routed)
        .moveTo(IncidentState.INVESTIGATING, clock.instant(), "specialists at work");
    HypothesisBoard board = new HypothesisBoard();
    Cost cost = runSpecialists(incident, routed, all, board);
    ToolSession.Call rank = own.call(RANK_ROOT_CAUSES, "limit", 3);
    weighRanking(board, own, rank);
    Hypothesis lead = board.leading().orElse(null);
    boolean decided = board.decided();
    Diagnosis diagnosis = diagnose(lead, board, decided, own, submitted, rank);
    for (Hypothesis h : board.hypotheses()) {
      incident = incident.withHypothesis(h);
    }
    long wall = Duration.between(started, clock.instant()).toMillis();
    cost = cost.plusParallel(new Cost(own.calls(), own.calls(), 0, 0, 0, 0)).withWallMs(wall);
    incident = incident.record(new TimelineEntry(clock.instant(), "cost", "investigation by " + reasoner.name(),
        Map.of("steps", Integer.toString(cost.steps()), "tool_calls", Integer.toString(cost.toolCalls()),
            "input_tokens", Long.toString(cost.inputTokens()), "output_tokens", Long.toString(cost.outputTokens()),
            "usd", Double.toString(cost.usd()), "wall_ms", Long.toString(wall))))
        .withDiagnosis(diagnosis, clock.instant())
        .moveTo(IncidentState.DIAGNOSED, clock.instant(), decided ? "confirmed by a test" : "best supported, not confirmed");
    progress.on("coordinator", "diagnosis: " + diagnosis.faultType() + " at " + diagnosis.rootCause()
        + " (confidence %.2f)".formatted(diagnosis.confidence()));
    return new Investigation(incident, diagnosis, board.hypotheses(), List.copyOf(routed), decided, cost);
  }

  private Cost runSpecialists(Incident incident, Set<Specialist> routed, ToolRegistry all, HypothesisBoard board) {
    Cost total = Cost.ZERO;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Cost>> futures = new ArrayList<>();
      for (Specialist s : routed) {
        ToolSession session = new ToolSession(all.scoped(s.agent(), s.tools()), clock, progress);
        futures.add(pool.submit(() -> {
          Instant t0 = clock.instant();
          Cost c = reasoner.investigate(new Reasoner.Assignment(incident, s, session, board));
          return c.withWallMs(Duration.between(t0, clock.instant()).toMillis());
        }));
      }
      for (Future<Cost> f : futures) {
        total = total.plusParallel(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("investigation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a specialist failed: " + e.getCause(), e.getCause());
    }
    return total;
  }

  /** Hypotheses on the engine's top services gain support; the board keeps at least two alive. */
  private static void weighRanking(HypothesisBoard board, ToolSession own, ToolSession.Call rank) {
    List<String> top = new ArrayList<>();
    rank.data().path("candidates").forEach(c -> top.add(c.path("service").asText()));
    for (Hypothesis h : board.alive()) {
      int at = top.indexOf(h.rootCause().name());
      if (at >= 0) {
        board.addEvidence(h.id(), own.evidence(rank, "the analysis engine ranks " + h.rootCause() + " #" + (at + 1),
            true, at == 0 ? 0.4 : 0.2));
      }
    }
    for (String service : top) {
      if (board.alive().size() >= 2) {
        break;
      }
      if (board.alive().stream().noneMatch(h -> h.rootCause().name().equals(service))) {
        board.propose(new Hypothesis("new", service + " is the root cause, as the analysis engine ranks it",
            ServiceId.of(service), FaultType.UNKNOWN, Hypothesis.Status.OPEN, 0.15,
            List.of(own.evidence(rank, "ranked #" + (top.indexOf(service) + 1) + " by the analysis engine", true, 0.3)),
            "log_patterns and trace_breakdown on " + service, "coordinator"));
      }
    }
  }

  private Diagnosis diagnose(Hypothesis lead, HypothesisBoard board, boolean decided, ToolSession own,
                             AtomicReference<Diagnosis> submitted, ToolSession.Call rank) {
    String service;
    FaultType type;
    double confidence;
    StringBuilder why = new StringBuilder();
    if (lead == null) {
      JsonNode first = rank.data().path("candidates").path(0);
      service = first.path("service").asText("");
      type = FaultType.UNKNOWN;
      confidence = 0.1;
      why.append("no hypothesis survived; the analysis engine's top candidate");
    } else {
      service = lead.rootCause().name();
      type = lead.faultType();
      confidence = decided ? lead.confidence() : lead.confidence() * 0.8;
      why.append(lead.statement()).append(decided ? " (confirmed: " : " (not confirmed by a test: ")
          .append(lead.evidenceFor().isEmpty() ? "" : lead.evidenceFor().getLast().claim()).append(")");
      board.alive().stream().filter(h -> !h.id().equals(lead.id())).limit(2).forEach(h -> why.append("; alternative ")
          .append(h.id()).append(": ").append(h.faultType()).append(" at ").append(h.rootCause())
          .append(" (%.2f)".formatted(h.confidence())));
    }
    if (service.isEmpty()) {
      throw new IllegalStateException("nothing to diagnose: no telemetry and no hypothesis");
    }
    own.call(SUBMIT_DIAGNOSIS, "root_cause_service", service, "fault_type", type.name(),
        "confidence", Math.round(confidence * 1000) / 1000.0, "explanation", why.toString());
    Diagnosis d = submitted.get();
    List<dev.responder.core.incident.Evidence> evidence = lead == null ? List.of() : lead.evidence();
    return d == null ? new Diagnosis(ServiceId.of(service), type, confidence, why.toString(), evidence)
        : new Diagnosis(d.rootCause(), d.faultType(), d.confidence(), d.explanation(), evidence);
  }
}
