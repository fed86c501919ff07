package dev.responder.core.query;

import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import java.util.Map;

/**
 * Matching lines (bounded) with the counts of all matches per service and per level, which are exact even
 * when the lines are truncated.
 */
public record LogSearchResult(Page<LogRecord> lines, Map<String, Long> countsByService, Map<Severity, Long> countsByLevel) {
  public LogSearchResult {
    countsByService = Map.copyOf(countsByService);
    countsByLevel = Map.copyOf(countsByLevel);
  }
}
