package dev.responder.analysis.trace;

import dev.responder.core.topology.ServiceId;
import java.util.Objects;

/** A caller-to-callee pair seen in traces: a span of {@code caller} whose child span runs in {@code callee}. */
public record CallEdge(ServiceId caller, ServiceId callee) implements Comparable<CallEdge> {
  public CallEdge {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
  }

  @Override
  public int compareTo(CallEdge other) {
    int c = caller.compareTo(other.caller);
    return c != 0 ? c : callee.compareTo(other.callee);
  }

  @Override
  public String toString() {
    return caller + "->" + callee;
  }
}
