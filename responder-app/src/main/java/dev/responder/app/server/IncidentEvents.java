package dev.responder.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.core.action.Approval;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.IncidentRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to incidents and approvals as they happen, for server-sent events and outgoing webhooks. Repositories
 * wrapped by {@link #observe(IncidentRepository)} and {@link #observe(ApprovalRepository)} publish on every save,
 * whoever saves (the remediator, the API, the Alertmanager receiver).
 *
 * <p>Event types: {@code incident.opened}, {@code incident.updated} (every save, including the opening one),
 * {@code incident.state_changed} (with {@code from} and {@code to}), {@code approval.requested},
 * {@code approval.decided}, and {@code incident.progress} (see {@link #progressOf}). Ids increase by one per event; the newest {@value #REPLAY} are kept so that a client
 * reconnecting with {@code Last-Event-ID} misses nothing recent. A failing listener is logged and never stops a
 * save or the other listeners.
 */
public final class IncidentEvents {
  /** How many recent events are kept for replay. */
  public static final int REPLAY = 512;
  static final int MAX_PROGRESS = 300;
  private static final Logger LOG = LoggerFactory.getLogger(IncidentEvents.class);

  /**
   * One change.
   *
   * @param id         increasing per process, from 1
   * @param type       e.g. {@code incident.state_changed}
   * @param incidentId the incident it concerns
   * @param data       the JSON payload: the incident summary or the approval, plus type-specific fields
   */
  public record Event(long id, String type, Instant at, String incidentId, ObjectNode data) {
    public Event {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(incidentId, "incidentId");
      Objects.requireNonNull(data, "data");
    }

    /** The event as one JSON object: id, type, at, incident_id and data. */
    public String toJson() {
      ObjectNode o = ApiGuard.JSON.createObjectNode().put("id", id).put("type", type).put("at", at.toString())
          .put("incident_id", incidentId);
      o.set("data", data);
      try {
        return ApiGuard.JSON.writeValueAsString(o);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write event " + id, e);
      }
    }
  }

  /** Stops a subscription. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final InstantSource clock;
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final Deque<Event> recent = new ArrayDeque<>();
  private final Object delivery = new Object();
  private long lastId;

  public IncidentEvents(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Calls {@code listener} for every later event, on the publishing thread and in id order; listeners must be
   * quick (hand slow work to a queue, as the webhook notifier does), since saves wait for them.
   */
  public Subscription subscribe(Consumer<Event> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Publishes an event and returns it. Events reach listeners one at a time in id order (publishing threads take
   * turns), so a listener may rely on ids increasing.
   */
  public Event publish(String type, String incidentId, ObjectNode data) {
    synchronized (delivery) {
      Event event;
      synchronized (recent) {
        event = new Event(++lastId, type, clock.instant(), incidentId, data);
        recent.addLast(event);
        if (recent.size() > REPLAY) {
          recent.removeFirst();
        }
      }
      for (Consumer<Event> listener : listeners) {
        try {
          listener.accept(event);
        } catch (RuntimeException e) {
          LOG.warn("event listener failed on {} {}: {}", event.type(), event.id(), e.toString());
        }
      }
      return event;
    }
  }

  /**
   * Publishes each line of an investigation's progress (a tool call, a verdict) as {@code incident.progress} with
   * {@code who} and {@code what}, for the web UI's live activity. Progress is not stored: the timeline keeps what
   * matters. Lines are cut at {@value #MAX_PROGRESS} characters.
   */
  public ProgressListener progressOf(IncidentId incident) {
    Objects.requireNonNull(incident, "incident");
    return (who, what) -> publish("incident.progress", incident.value(), ApiGuard.JSON.createObjectNode().put("who", who)
        .put("what", what.length() <= MAX_PROGRESS ? what : what.substring(0, MAX_PROGRESS) + "..."));
  }

  /** The kept events with an id greater than {@code lastSeen}, oldest first. */
  public List<Event> since(long lastSeen) {
    synchronized (recent) {
      return recent.stream().filter(e -> e.id() > lastSeen).toList();
    }
  }

  /** The id of the newest event, 0 before the first. */
  public long lastId() {
    synchronized (recent) {
      return lastId;
    }
  }

  /** The repository, publishing incident events on each save. */
  public IncidentRepository observe(IncidentRepository delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new ForwardingIncidents(delegate) {
      @Override
      public synchronized void save(Incident incident) {
        Optional<IncidentState> before = delegate.find(incident.id()).map(Incident::state);
        delegate.save(incident);
        String id = incident.id().value();
        if (before.isEmpty()) {
          publish("incident.opened", id, incidentData(incident));
        }
        publish("incident.updated", id, incidentData(incident));
        if (before.isPresent() && before.get() != incident.state()) {
          publish("incident.state_changed", id, incidentData(incident)
              .put("from", before.get().name()).put("to", incident.state().name()));
        }
      }
    };
  }

  /** The repository, publishing approval events on each save. */
  public ApprovalRepository observe(ApprovalRepository delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new ApprovalRepository() {
      @Override
      public synchronized void save(Approval approval) {
        Optional<Approval.State> before = delegate.find(approval.id()).map(Approval::state);
        delegate.save(approval);
        if (approval.state() == Approval.State.PENDING && before.isEmpty()) {
          publish("approval.requested", approval.incident().value(), ApiViews.approval(approval));
        } else if (approval.state() != Approval.State.PENDING && before.orElse(null) != approval.state()) {
          publish("approval.decided", approval.incident().value(), ApiViews.approval(approval));
        }
      }

      @Override
      public Optional<Approval> find(String id) {
        return delegate.find(id);
      }

      @Override
      public List<Approval> pending() {
        return delegate.pending();
      }

      @Override
      public List<Approval> forIncident(IncidentId incident) {
        return delegate.forIncident(incident);
      }
    };
  }

  private static ObjectNode incidentData(Incident incident) {
    ObjectNode o = ApiViews.summary(incident);
    o.put("timeline_size", incident.timeline().size());
    return o;
  }
}
