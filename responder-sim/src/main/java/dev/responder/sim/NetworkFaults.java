package dev.responder.sim;

import static dev.responder.core.telemetry.Severity.ERROR;
import static dev.responder.core.telemetry.Severity.WARN;
import static dev.responder.sim.Kinds.act;
import static dev.responder.sim.Kinds.def;
import static dev.responder.sim.Kinds.one;
import static dev.responder.sim.Kinds.perError;
import static dev.responder.sim.Kinds.perSecond;

import dev.responder.core.action.ActionKind;
import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.List;

/** Faults of the network between services: slow or lossy links, DNS, TLS, clocks. */
final class NetworkFaults {
  private NetworkFaults() {}

  static List<FaultKind> kinds() {
    return List.of(link(FaultType.NETWORK_LATENCY), link(FaultType.PACKET_LOSS), dns(), certificate(), clockSkew());
  }

  /** A degraded link on the node hosting one of the target's pods, on its path to the peer. */
  private static FaultKind link(FaultType type) {
    boolean loss = type.equals(FaultType.PACKET_LOSS);
    return new FaultKind(def(type, loss
            ? "A flapping NIC on one node drops packets on the target pod's calls to the peer: retransmissions and timeouts."
            : "A congested link on one node adds hundreds of milliseconds to the target pod's calls to the peer.",
        "an application service with a service callee (the peer)", loss
            ? "errors and latency on the target's instance(s) on one node, 'Read timed out' / 'Connection reset' logs "
                + "naming the peer; the peer itself healthy"
            : "latency on the target's instance(s) on one node only, slow-call warnings naming the peer; no errors at first",
        "drain the node", "restart the target (the pod stays on the node), scale out"),
        Kinds::withServiceCallee, Kinds::firstServiceCallee,
        (f, c) -> {
          String node = c.instance().node;
          c.facts.put("node", node);
          List<Effect> effects = loss
              ? List.of(new Effect.Errors(0.25 + 0.45 * f.intensity()), new Effect.Latency(300 + 600 * f.intensity()))
              : List.of(new Effect.Latency(600 + 1400 * f.intensity()));
          List<Impairment.LogLine> logs = loss
              ? List.of(perError(ERROR, "java.net.SocketTimeoutException: Read timed out calling " + c.peer()
                  + " (tcp retransmissions 31%)", 0.4), perError(ERROR, "java.net.SocketException: Connection reset by peer: "
                  + c.peer() + "/10.0.4.17:8080", 0.2))
              : List.of(perSecond(WARN, "Slow call to " + c.peer() + ": {ms} ms (p50 12 ms) from " + node, 1));
          c.impair("", new Trigger.WhileOnNode(node), effects, logs);
        },
        x -> one(ActionKind.DRAIN_NODE, x.fault().target(), "node", x.fact("node")),
        x -> List.of(act(ActionKind.RESTART, x.fault().target()),
            act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(x.replicas(x.fault().target()) + 1))));
  }

  private static FaultKind dns() {
    return new FaultKind(def(FaultType.DNS_FAILURE, "A CoreDNS hiccup left negative entries in the service's JVM DNS "
            + "cache (networkaddress.cache.negative.ttl=-1): it cannot resolve its callees.", "an application service with callees",
        "errors on the target's outgoing calls, UnknownHostException 'Temporary failure in name resolution' logs; "
            + "callees see less traffic", "restart the service (clears the resolver cache)", "scale out (old pods keep failing), rollback"),
        Kinds::withCallee, null,
        (f, c) -> c.impair("", new Trigger.UntilRestart(), List.of(new Effect.EdgeFault(null, 0, 0.6 + 0.4 * f.intensity(), true)),
            List.of(perError(ERROR, "java.net.UnknownHostException: {peer}.svc.cluster.local: Temporary failure in name resolution", 0.6))),
        x -> one(ActionKind.RESTART, x.fault().target()),
        x -> List.of(act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(x.replicas(x.fault().target()) + 1))));
  }

  private static FaultKind certificate() {
    return new FaultKind(def(FaultType.CERTIFICATE_EXPIRY, "The target's TLS server certificate expires; callers' "
            + "handshakes fail.", "an application service that has callers",
        "callers' errors with SSLHandshakeException 'validity check failed' logs, the target's own rps drops (requests "
            + "never reach it), no change event", "renew the certificate (set tls.certificate)", "restart (same certificate), rollback"),
        Kinds::called, null,
        (f, c) -> {
          String expired = "CN=" + c.name() + ".svc.cluster.local; notAfter=" + f.start();
          c.config("tls.certificate", expired, null);
          c.facts.put("renewed", "CN=" + c.name() + ".svc.cluster.local; notAfter=" + f.start().plus(java.time.Duration.ofDays(90)));
          List<Impairment.LogLine> logs = new ArrayList<>();
          for (ServiceId caller : c.callers()) {
            logs.add(perError(ERROR, "javax.net.ssl.SSLHandshakeException: PKIX path validation failed: "
                + "java.security.cert.CertPathValidatorException: validity check failed (certificate of " + c.name()
                + " expired " + f.start() + ")", 0.6).at(caller));
          }
          logs.add(perSecond(WARN, "http: TLS handshake error from {ip}:{n}: remote error: tls: bad certificate", 1));
          c.impair("", new Trigger.WhileConfig("tls.certificate", expired), List.of(new Effect.InboundFailure(1.0)), logs);
        },
        x -> one(ActionKind.SET_CONFIG, x.fault().target(), "key", "tls.certificate", "value", x.fact("renewed")),
        x -> List.of(act(ActionKind.RESTART, x.fault().target())));
  }

  private static FaultKind clockSkew() {
    return new FaultKind(def(FaultType.CLOCK_SKEW, "NTP stops on one node and its clock drifts by minutes: tokens "
            + "validated there look expired.", "an application service",
        "errors from the target's instance(s) on one node only, ExpiredJwtException logs with 'a difference of ... "
            + "milliseconds', chronyd warnings", "drain the node", "restart (same node), rollback"),
        Kinds::service, null,
        (f, c) -> {
          String node = c.instance().node;
          c.facts.put("node", node);
          long skewMs = 240_000 + (long) (360_000 * f.intensity());
          c.impair("", new Trigger.WhileOnNode(node), List.of(new Effect.Errors(0.5 + 0.4 * f.intensity())),
              List.of(perError(ERROR, "io.jsonwebtoken.ExpiredJwtException: JWT expired at " + f.start() + ". Current time: "
                      + f.start().plusMillis(skewMs) + ", a difference of " + skewMs + " milliseconds.  Allowed clock skew: 0 milliseconds.", 0.6),
                  perSecond(WARN, "chronyd: System clock wrong by " + skewMs / 1000.0 + " seconds on " + node
                      + ", no selectable sources", 0.05)));
        },
        x -> one(ActionKind.DRAIN_NODE, x.fault().target(), "node", x.fact("node")),
        x -> List.of(act(ActionKind.RESTART, x.fault().target())));
  }
}
