package dev.responder.core.topology;

import java.util.Objects;

/** {@code caller} depends on {@code callee}: a failure of the callee can surface at the caller. */
public record DependencyEdge(ServiceId caller, ServiceId callee, Kind kind) {
  /** How the caller reaches the callee. */
  public enum Kind { SYNC_CALL, ASYNC_MESSAGE, DATABASE, CACHE, EXTERNAL }

  public DependencyEdge {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(kind, "kind");
    if (caller.equals(callee)) {
      throw new IllegalArgumentException("a service cannot depend on itself: " + caller);
    }
  }

  public static DependencyEdge call(String caller, String callee) {
    return new DependencyEdge(ServiceId.of(caller), ServiceId.of(callee), Kind.SYNC_CALL);
  }
}
