package dev.responder.analysis.trace;

import dev.responder.core.topology.ServiceId;

/**
 * Where errors start: a failing span none of whose children failed is the origin of its trace's error chain.
 *
 * @param origins failing spans of the service with no failing child
 * @param errors  all failing spans of the service
 */
public record ErrorOrigin(ServiceId service, long origins, long errors) {}
