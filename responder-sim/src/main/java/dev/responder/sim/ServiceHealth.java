package dev.responder.sim;

import dev.responder.core.topology.ServiceId;

/**
 * A service's state in the last simulated tick, without measurement noise, and whether it meets its SLO.
 *
 * @param rps requests per second arriving (retries included)
 * @param lag messages waiting for the service when it consumes a queue, else 0
 */
public record ServiceHealth(ServiceId service, double rps, double errorRate, double p95Ms, double cpuUtil,
                            double lag, boolean withinSlo) {}
