package dev.responder.sim;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.incident.FaultType;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import java.util.List;

/** Shared helpers for the fault catalogs. */
final class Kinds {
  private Kinds() {}

  static FaultDefinition def(FaultType type, String summary, String targets, String signature, String fix, String notAFix) {
    return new FaultDefinition(type, summary, targets, signature, fix, notAFix);
  }

  static boolean service(CallGraph g, int s) {
    return g.spec(s).kind() == ServiceSpec.Kind.SERVICE;
  }

  static boolean withCallee(CallGraph g, int s) {
    return service(g, s) && !g.callees(s).isEmpty();
  }

  static boolean withServiceCallee(CallGraph g, int s) {
    return service(g, s) && g.callees(s).stream().anyMatch(c -> g.spec(c).kind() == ServiceSpec.Kind.SERVICE);
  }

  static boolean withDatabase(CallGraph g, int s) {
    return service(g, s) && g.databaseCalls[s].length > 0;
  }

  static boolean called(CallGraph g, int s) {
    return service(g, s) && !g.app.topology().callers(g.id(s)).isEmpty();
  }

  static ServiceId firstServiceCallee(CallGraph g, int s) {
    for (int c : g.callees(s)) {
      if (g.spec(c).kind() == ServiceSpec.Kind.SERVICE) {
        return g.id(c);
      }
    }
    List<Integer> all = g.callees(s);
    return all.isEmpty() ? null : g.id(all.get(0));
  }

  /** The busiest service callee: the one a retry storm or a broken link hurts most. */
  static ServiceId busiestServiceCallee(CallGraph g, int s) {
    ServiceId best = null;
    double most = -1;
    for (int c = 0; c < g.size; c++) {
      int p = g.parent[c];
      if (p >= 0 && g.service[p] == s && g.via[c] < 0 && g.spec(g.service[c]).kind() == ServiceSpec.Kind.SERVICE) {
        double share = g.app.endpoints().get(g.endpoint[c]).weight() * g.count[c];
        if (share > most) {
          most = share;
          best = g.id(g.service[c]);
        }
      }
    }
    return best != null ? best : firstServiceCallee(g, s);
  }

  static List<Action> one(ActionKind kind, ServiceId target, String... params) {
    return List.of(SimActions.of(kind, target, params));
  }

  static Action act(ActionKind kind, ServiceId target, String... params) {
    return SimActions.of(kind, target, params);
  }

  static Impairment.LogLine perError(Severity level, String text, double rate) {
    return Impairment.LogLine.perError(level, text, rate);
  }

  static Impairment.LogLine perSecond(Severity level, String text, double rate) {
    return Impairment.LogLine.perSecond(level, text, rate);
  }

  /** The next minor version: 1.14.2 becomes 1.15.0; anything else gets a suffix. */
  static String nextVersion(String version) {
    String[] p = version.split("\\.");
    if (p.length >= 2) {
      try {
        return p[0] + "." + (Integer.parseInt(p[1]) + 1) + ".0";
      } catch (NumberFormatException e) {
        return version + "-next";
      }
    }
    return version + "-next";
  }
}
