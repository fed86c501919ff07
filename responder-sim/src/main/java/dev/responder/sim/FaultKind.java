package dev.responder.sim;

import dev.responder.core.action.Action;
import dev.responder.core.topology.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A fault type's behaviour: where it fits, how it changes the state when injected, and which actions fix it or
 * only look as if they might.
 *
 * @param peer the default second service for a target, or null when the fault has none
 */
record FaultKind(FaultDefinition definition, BiPredicate<CallGraph, Integer> fits,
                 java.util.function.BiFunction<CallGraph, Integer, ServiceId> peer, BiConsumer<Fault, Injection> inject,
                 Function<FixContext, List<Action>> fixes, Function<FixContext, List<Action>> wrong) {

  /** What fix builders can read: the fault, what its injection chose, and the current state. */
  record FixContext(Fault fault, Map<String, String> facts, SimState state, CallGraph graph) {
    int target() {
      return graph.indexOf(fault.target());
    }

    int replicas(ServiceId id) {
      return state.services[graph.indexOf(id)].instances.size();
    }

    String fact(String key) {
      String v = facts.get(key);
      if (v == null) {
        throw new IllegalStateException("fault " + fault.describe() + " has no fact '" + key + "'; it has not been injected yet");
      }
      return v;
    }
  }
}
