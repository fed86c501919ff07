package dev.responder.app.server;

import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.port.IncidentRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** An incident repository that hands every call to another; decorators override {@link #save}. */
abstract class ForwardingIncidents implements IncidentRepository {
  protected final IncidentRepository delegate;

  ForwardingIncidents(IncidentRepository delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void save(Incident incident) {
    delegate.save(incident);
  }

  @Override
  public Optional<Incident> find(IncidentId id) {
    return delegate.find(id);
  }

  @Override
  public List<Incident> list(Set<IncidentState> states, int limit) {
    return delegate.list(states, limit);
  }

  @Override
  public Optional<Incident> findOpenBySignature(String signature) {
    return delegate.findOpenBySignature(signature);
  }
}
