package dev.responder.sim;

import dev.responder.core.topology.ServiceId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One service of an application model: what it is, how big it is, what it runs and what it promises.
 *
 * @param version the version deployed when the simulation starts
 * @param config configuration keys and values (sorted, so that output is deterministic)
 * @param flags feature flags and whether they are on
 */
public record ServiceSpec(ServiceId id, Kind kind, Resources resources, String version, Map<String, String> config,
                          Map<String, Boolean> flags, Slo slo) {

  /** What kind of component the service is; the kind decides edge kinds and which faults fit it. */
  public enum Kind { SERVICE, DATABASE, CACHE, QUEUE, EXTERNAL }

  /**
   * Capacity and cost per replica.
   *
   * @param cores CPU cores per replica
   * @param cpuMsPerRequest CPU time one request costs the service itself (not its callees)
   * @param latencyMs the service's own latency per request at zero load, without queueing
   * @param threads request threads per replica
   * @param connections database connection pool size per replica (0 when it uses no database)
   */
  public record Resources(int replicas, double cores, long memoryBytes, int threads, int connections,
                          double cpuMsPerRequest, double latencyMs) {
    public Resources {
      if (replicas < 1 || replicas > 200) {
        throw new IllegalArgumentException("replicas must be in [1, 200] but was " + replicas);
      }
      if (!(cores > 0) || !(cpuMsPerRequest >= 0) || !(latencyMs >= 0)) {
        throw new IllegalArgumentException("cores must be > 0 and cpu_ms, latency_ms >= 0 but were "
            + cores + ", " + cpuMsPerRequest + ", " + latencyMs);
      }
      if (memoryBytes <= 0 || threads < 1 || connections < 0) {
        throw new IllegalArgumentException("memory must be > 0, threads >= 1, connections >= 0 but were "
            + memoryBytes + ", " + threads + ", " + connections);
      }
    }
  }

  /**
   * The service's objectives: a request-latency bound, an error-rate bound and, for queue consumers, a lag bound.
   */
  public record Slo(double p95Ms, double errorRate, double maxLag) {
    public static final Slo DEFAULT = new Slo(1000, 0.02, 20_000);

    public Slo {
      if (!(p95Ms > 0) || !(errorRate > 0 && errorRate < 1) || !(maxLag > 0)) {
        throw new IllegalArgumentException("slo needs p95_ms > 0, 0 < error_rate < 1, max_lag > 0 but was "
            + p95Ms + ", " + errorRate + ", " + maxLag);
      }
    }
  }

  public ServiceSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(version, "version");
    config = java.util.Collections.unmodifiableMap(new TreeMap<>(config == null ? Map.of() : config));
    flags = java.util.Collections.unmodifiableMap(new TreeMap<>(flags == null ? Map.of() : flags));
    slo = slo == null ? Slo.DEFAULT : slo;
  }

  /** Whether the service is one we operate (its insides are observable and actionable). */
  public boolean operated() {
    return kind != Kind.EXTERNAL;
  }
}
