package dev.responder.app.investigate;

import dev.responder.core.incident.FaultType;
import dev.responder.core.port.DiagnosticCheck;
import dev.responder.core.telemetry.ChangeEvent;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an on-call engineer knows about fault signatures: the log text a fault prints (real exception and
 * infrastructure messages), where the root cause sits relative to the service printing it, the change that usually
 * precedes it, and the test that confirms or refutes it. Each rule belongs to one specialist's domain.
 */
final class Playbook {

  /** Where the root cause is relative to the service that prints the line. */
  enum Locus { EMITTER, NAMED, CACHE_CALLEE }

  /** How a hypothesis is tested. */
  sealed interface Test permits MetricUp, Diagnostic, NoTest {}

  /** The metric must have risen on the root-cause service. */
  record MetricUp(String metric) implements Test {}

  /** An environment check on the root-cause service must come back unhealthy. */
  record Diagnostic(DiagnosticCheck.Kind kind) implements Test {}

  /** No direct test; the hypothesis lives on its evidence. */
  record NoTest() implements Test {}

  /** One signature. {@code change} is the kind of change that must precede it on the root, or null. */
  record Rule(FaultType type, Specialist owner, Pattern pattern, Locus locus, ChangeEvent.Kind change, Test test,
              String statement) {}

  private static Rule rule(FaultType type, Specialist owner, String regex, Locus locus, ChangeEvent.Kind change,
                           Test test, String statement) {
    return new Rule(type, owner, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), locus, change, test, statement);
  }

  static final List<Rule> RULES = List.of(
      rule(FaultType.MEMORY_LEAK, Specialist.PERFORMANCE, "OutOfMemoryError|heap did not shrink", Locus.EMITTER, null,
          new MetricUp("memory_bytes"), "%s leaks heap until it is OOM-killed"),
      rule(FaultType.DEADLOCK, Specialist.PERFORMANCE, "Readiness probe failed|Thread pool \\S+ exhausted", Locus.EMITTER,
          null, new Diagnostic(DiagnosticCheck.Kind.THREAD_DUMP), "%s's request threads are deadlocked"),
      rule(FaultType.NOISY_NEIGHBOUR, Specialist.PERFORMANCE, "High CPU steal", Locus.EMITTER, null,
          new MetricUp("latency_p95_ms"), "a co-located workload steals CPU from %s's node"),
      rule(FaultType.NETWORK_LATENCY, Specialist.PERFORMANCE, "Slow call to", Locus.EMITTER, null,
          new MetricUp("latency_p95_ms"), "network latency on %s's node slows its calls"),
      rule(FaultType.CPU_SATURATION, Specialist.PERFORMANCE, "Slow regex evaluation|CPU throttl", Locus.EMITTER, null,
          new MetricUp("cpu_util"), "%s runs out of CPU on a hot code path"),
      rule(FaultType.TRAFFIC_SURGE, Specialist.PERFORMANCE, "desired replicas exceed maxReplicas", Locus.EMITTER, null,
          new MetricUp("rps"), "a traffic surge saturates %s"),
      rule(FaultType.DNS_FAILURE, Specialist.ERRORS, "Temporary failure in name resolution", Locus.EMITTER, null,
          new Diagnostic(DiagnosticCheck.Kind.DNS_LOOKUP), "%s cannot resolve its callees' names"),
      rule(FaultType.CERTIFICATE_EXPIRY, Specialist.ERRORS, "validity check failed|certificate has expired|tls: bad certificate",
          Locus.NAMED, null, new Diagnostic(DiagnosticCheck.Kind.TLS_CERTIFICATE), "%s's TLS certificate expired"),
      rule(FaultType.DEPENDENCY_OUTAGE, Specialist.ERRORS, "Request to https://api\\.\\S+ failed: HTTP 5", Locus.NAMED,
          null, new NoTest(), "the third-party %s is failing"),
      rule(FaultType.PACKET_LOSS, Specialist.ERRORS, "tcp retransmissions|Connection reset by peer", Locus.EMITTER, null,
          new MetricUp("error_rate"), "packet loss on %s's node breaks its calls"),
      rule(FaultType.CLOCK_SKEW, Specialist.ERRORS, "ExpiredJwtException|System clock wrong", Locus.EMITTER, null,
          new MetricUp("error_rate"), "%s's clock is skewed, so tokens look expired"),
      rule(FaultType.SLOW_QUERY, Specialist.DATA, "duration: \\S+ ms +statement|pgsql_tmp", Locus.EMITTER, null,
          new MetricUp("cpu_util"), "a slow query (schema migration) loads the database %s"),
      rule(FaultType.CACHE_OUTAGE, Specialist.DATA, "JedisConnectionException|cache is not running", Locus.CACHE_CALLEE, null,
          new NoTest(), "the cache %s is down"),
      rule(FaultType.CONNECTION_POOL_EXHAUSTION, Specialist.DATA, "Connection is not available|Connection leak detection",
          Locus.EMITTER, null, new MetricUp("connpool_util"), "%s leaks database connections until its pool runs dry"),
      rule(FaultType.DISK_FULL, Specialist.DATA, "No space left on device", Locus.EMITTER, null,
          new Diagnostic(DiagnosticCheck.Kind.DISK_USAGE), "a disk of %s is full"),
      rule(FaultType.QUEUE_LAG, Specialist.DATA, "falling behind on its partitions|SMTP relay slow", Locus.EMITTER, null,
          new MetricUp("consumer_lag"), "the consumer %s falls behind its queue"),
      rule(FaultType.BAD_DEPLOY, Specialist.CHANGE, "NullPointerException", Locus.EMITTER, ChangeEvent.Kind.DEPLOY,
          new MetricUp("error_rate"), "a bad deploy of %s throws on a code path"),
      rule(FaultType.FEATURE_FLAG_BUG, Specialist.CHANGE, "Unsupported rule|IllegalArgumentException", Locus.EMITTER,
          ChangeEvent.Kind.FLAG, new MetricUp("error_rate"), "a feature flag switched on at %s exposes a bug"),
      rule(FaultType.CONFIG_ERROR, Specialist.CHANGE, "Connection refused|Name or service not known|Read timed out after",
          Locus.EMITTER, ChangeEvent.Kind.CONFIG, new MetricUp("error_rate"), "a config change at %s broke a callee's endpoint"),
      rule(FaultType.RETRY_STORM, Specialist.CHANGE, "Retrying call to", Locus.EMITTER, ChangeEvent.Kind.CONFIG,
          new NoTest(), "%s's retry config multiplies load on its callee"),
      rule(FaultType.CREDENTIAL_STUFFING, Specialist.SECURITY, "Failed login for|Unusual login failure rate",
          Locus.EMITTER, null, new MetricUp("rps"), "bots replay leaked credentials against %s"),
      rule(FaultType.CRYPTO_MINER, Specialist.SECURITY, "Denied egress .*(pool|xmr)|xmrig", Locus.EMITTER, null,
          new Diagnostic(DiagnosticCheck.Kind.PROCESS_LIST), "a crypto-miner runs inside %s"));

  private Playbook() {}

  static List<Rule> of(Specialist s) {
    return RULES.stream().filter(r -> r.owner() == s).toList();
  }

  /** A fault type from the metric that moved most on a service, for hypotheses with no log signature. */
  static FaultType fromMetric(String metric, boolean rpsUp) {
    return switch (metric) {
      case "cpu_util" -> rpsUp ? FaultType.TRAFFIC_SURGE : FaultType.CPU_SATURATION;
      case "memory_bytes", "gc_pause_ms" -> FaultType.MEMORY_LEAK;
      case "threadpool_util" -> FaultType.DEADLOCK;
      case "connpool_util" -> FaultType.CONNECTION_POOL_EXHAUSTION;
      case "disk_used_ratio" -> FaultType.DISK_FULL;
      case "consumer_lag", "queue_depth" -> FaultType.QUEUE_LAG;
      case "latency_p50_ms", "latency_p95_ms", "latency_p99_ms" -> FaultType.NETWORK_LATENCY;
      case "rps" -> rpsUp ? FaultType.TRAFFIC_SURGE : FaultType.UNKNOWN;
      default -> FaultType.UNKNOWN;
    };
  }
}
