package dev.responder.core.incident;

import java.util.Locale;
import java.util.Objects;

/**
 * A kind of fault. An open set: the constants name the faults Responder knows; data sets bring others
 * (their names are normalised to lower snake case).
 */
public record FaultType(String name) {
  public static final FaultType UNKNOWN = new FaultType("unknown");
  public static final FaultType CPU_SATURATION = new FaultType("cpu_saturation");
  public static final FaultType MEMORY_LEAK = new FaultType("memory_leak");
  public static final FaultType BAD_DEPLOY = new FaultType("bad_deploy");
  public static final FaultType CONFIG_ERROR = new FaultType("config_error");
  public static final FaultType CONNECTION_POOL_EXHAUSTION = new FaultType("connection_pool_exhaustion");
  public static final FaultType SLOW_QUERY = new FaultType("slow_query");
  public static final FaultType CACHE_OUTAGE = new FaultType("cache_outage");
  public static final FaultType NETWORK_LATENCY = new FaultType("network_latency");
  public static final FaultType PACKET_LOSS = new FaultType("packet_loss");
  public static final FaultType DNS_FAILURE = new FaultType("dns_failure");
  public static final FaultType DISK_FULL = new FaultType("disk_full");
  public static final FaultType CERTIFICATE_EXPIRY = new FaultType("certificate_expiry");
  public static final FaultType DEPENDENCY_OUTAGE = new FaultType("dependency_outage");
  public static final FaultType RETRY_STORM = new FaultType("retry_storm");
  public static final FaultType DEADLOCK = new FaultType("deadlock");
  public static final FaultType NOISY_NEIGHBOUR = new FaultType("noisy_neighbour");
  public static final FaultType QUEUE_LAG = new FaultType("queue_lag");
  public static final FaultType CLOCK_SKEW = new FaultType("clock_skew");
  public static final FaultType FEATURE_FLAG_BUG = new FaultType("feature_flag_bug");
  public static final FaultType TRAFFIC_SURGE = new FaultType("traffic_surge");
  public static final FaultType CREDENTIAL_STUFFING = new FaultType("credential_stuffing");
  public static final FaultType CRYPTO_MINER = new FaultType("crypto_miner");

  public FaultType {
    Objects.requireNonNull(name, "name");
    name = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("fault type must not be blank");
    }
  }

  public static FaultType of(String name) {
    return new FaultType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
