package dev.responder.app.server;

import dev.responder.core.incident.Incident;
import dev.responder.core.port.IncidentRepository;
import java.util.Optional;

/**
 * The incident repository of a process in which several writers change the same incident at once: the remediator
 * saves its copy at each step while the API records feedback, the Alertmanager receiver records a repeated alert and
 * an investigation finishes. Each writer saves the whole incident, so a plain save would drop what another added
 * since the copy was read; here a save first takes in the stored copy's timeline entries that the saved one lacks
 * ({@link Incident#withEntriesOf}). Saves are serialized. State, hypotheses and diagnosis are the saver's.
 */
public final class SharedIncidents extends ForwardingIncidents {
  private SharedIncidents(IncidentRepository delegate) {
    super(delegate);
  }

  public static SharedIncidents over(IncidentRepository delegate) {
    return new SharedIncidents(delegate);
  }

  @Override
  public synchronized void save(Incident incident) {
    Optional<Incident> stored = delegate.find(incident.id());
    delegate.save(stored.map(incident::withEntriesOf).orElse(incident));
  }
}
