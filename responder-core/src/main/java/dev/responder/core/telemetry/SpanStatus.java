package dev.responder.core.telemetry;

/** Span status as OpenTelemetry defines it. */
public enum SpanStatus { UNSET, OK, ERROR }
