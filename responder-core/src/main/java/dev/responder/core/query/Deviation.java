package dev.responder.core.query;

/**
 * How far a metric's mean in the window sits from its baseline, in baseline standard deviations
 * ({@code score}; the sign is the direction). The spread is floored at 1% of the baseline mean's magnitude
 * (and a tiny absolute value) so that flat baselines do not turn any change into an infinite score.
 */
public record Deviation(String service, String metric, double baselineMean, double baselineStddev,
                        double windowMean, double score) {}
