package dev.responder.app.investigate;

import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Hypothesis.Status;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared board on which specialists post competing hypotheses, thread-safe. A hypothesis proposed twice (same
 * service and fault type) is merged: evidence joins, confidences combine by noisy-or. The board is decided only when
 * a test confirmed one hypothesis, or when every other one was refuted: until then several stay alive, the cure for
 * locking onto one line of reasoning. The last alive hypothesis cannot be refuted.
 */
public final class HypothesisBoard {
  private final Map<String, Hypothesis> byId = new LinkedHashMap<>();
  private int next = 1;

  /** Posts a hypothesis (its id is replaced by the board's); returns the id it lives under. */
  public synchronized String propose(Hypothesis h) {
    for (Hypothesis existing : byId.values()) {
      if (existing.rootCause().equals(h.rootCause()) && existing.faultType().equals(h.faultType())) {
        Hypothesis merged = existing;
        for (Evidence e : h.evidence()) {
          merged = merged.withEvidence(e, merged.confidence());
        }
        double c = 1 - (1 - existing.confidence()) * (1 - h.confidence());
        merged = new Hypothesis(existing.id(), existing.statement(), existing.rootCause(), existing.faultType(),
            existing.status(), c, merged.evidence(), existing.nextTest(), join(existing.proposedBy(), h.proposedBy()));
        byId.put(existing.id(), merged);
        return existing.id();
      }
    }
    String id = "H" + next++;
    byId.put(id, new Hypothesis(id, h.statement(), h.rootCause(), h.faultType(), Status.OPEN, h.confidence(),
        h.evidence(), h.nextTest(), h.proposedBy()));
    return id;
  }

  private static String join(String a, String b) {
    if (a.isEmpty() || a.contains(b)) {
      return a.isEmpty() ? b : a;
    }
    return a + "," + b;
  }

  /** Adds evidence: support raises the confidence by up to half its weight of the remaining doubt, and vice versa. */
  public synchronized void addEvidence(String id, Evidence e) {
    Hypothesis h = get(id);
    double c = e.supports() ? h.confidence() + 0.5 * e.weight() * (1 - h.confidence())
        : h.confidence() * (1 - 0.5 * e.weight());
    byId.put(id, h.withEvidence(e, c));
  }

  /** A test confirmed it. */
  public synchronized void confirm(String id, Evidence e) {
    addEvidence(id, e);
    byId.put(id, get(id).withStatus(Status.CONFIRMED));
  }

  /** A test refuted it; refused (returns false, evidence still recorded) when it is the last one alive. */
  public synchronized boolean refute(String id, Evidence e) {
    addEvidence(id, e);
    long alive = byId.values().stream().filter(h -> h.status() != Status.REFUTED).count();
    if (alive <= 1) {
      return false;
    }
    byId.put(id, get(id).withStatus(Status.REFUTED));
    return true;
  }

  /** Every hypothesis, confirmed first, then by confidence. */
  public synchronized List<Hypothesis> hypotheses() {
    List<Hypothesis> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparing((Hypothesis h) -> rank(h.status()))
        .thenComparing(Comparator.comparingDouble(Hypothesis::confidence).reversed()).thenComparing(Hypothesis::id));
    return all;
  }

  private static int rank(Status s) {
    return switch (s) {
      case CONFIRMED -> 0;
      case OPEN -> 1;
      case REFUTED -> 2;
    };
  }

  /** Open and confirmed hypotheses. */
  public synchronized List<Hypothesis> alive() {
    return hypotheses().stream().filter(h -> h.status() != Status.REFUTED).toList();
  }

  /** True once a test confirmed one, or exactly one is open and the others were refuted. */
  public synchronized boolean decided() {
    long confirmed = byId.values().stream().filter(h -> h.status() == Status.CONFIRMED).count();
    long open = byId.values().stream().filter(h -> h.status() == Status.OPEN).count();
    long refuted = byId.values().stream().filter(h -> h.status() == Status.REFUTED).count();
    return confirmed >= 1 || (open == 1 && refuted >= 1);
  }

  /** The best confirmed hypothesis, else the most confident open one. */
  public synchronized Optional<Hypothesis> leading() {
    return hypotheses().stream().filter(h -> h.status() != Status.REFUTED).findFirst();
  }

  public synchronized Hypothesis get(String id) {
    Hypothesis h = byId.get(id);
    if (h == null) {
      throw new IllegalArgumentException("no hypothesis '" + id + "' on the board; known: " + byId.keySet());
    }
    return h;
  }

  public synchronized Optional<Hypothesis> find(ServiceId service, FaultType type) {
    return byId.values().stream().filter(h -> h.rootCause().equals(service) && h.faultType().equals(type)).findFirst();
  }

  public synchronized int size() {
    return byId.size();
  }
}
