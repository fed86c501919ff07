package dev.responder.sim;

import dev.responder.core.topology.ServiceId;
import java.util.List;
import java.util.Objects;

/**
 * One node of an endpoint's call graph: the parent service calls {@code service} {@code count} times per request.
 *
 * @param optional a failure of this call does not fail the parent (it degrades, e.g. recommendations)
 * @param via for an asynchronous call, the queue the message goes through; null for a synchronous call
 * @param onMissOf the call only happens when a lookup in this cache missed (a read-through cache); null otherwise
 */
public record CallSpec(ServiceId service, String operation, double count, boolean optional, ServiceId via,
                       ServiceId onMissOf, List<CallSpec> calls) {
  public CallSpec {
    Objects.requireNonNull(service, "service");
    operation = operation == null || operation.isBlank() ? "handle" : operation;
    if (!(count > 0) || count > 100) {
      throw new IllegalArgumentException("call count must be in (0, 100] but was " + count + " for " + service);
    }
    calls = calls == null ? List.of() : List.copyOf(calls);
  }

  /** Whether the call goes through a queue. */
  public boolean async() {
    return via != null;
  }
}
