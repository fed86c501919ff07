package dev.responder.core.query;

import java.time.Instant;

/** Row counts per kind of telemetry and the time range they span (null when the store is empty). */
public record StoreStats(long metricPoints, long logRecords, long spans, long changeEvents, Instant oldest, Instant newest) {}
