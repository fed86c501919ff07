package dev.responder.analysis.trace;

import dev.responder.core.topology.ServiceId;

/**
 * Time one service spent on the critical paths of a set of traces.
 *
 * @param selfMs  critical-path time in the service's own spans and not in any child span, milliseconds (summed)
 * @param childMs critical-path time the service's spans waited on children, milliseconds (summed)
 * @param spans   spans of the service that lie on a critical path
 */
public record ServiceTime(ServiceId service, double selfMs, double childMs, long spans) {}
