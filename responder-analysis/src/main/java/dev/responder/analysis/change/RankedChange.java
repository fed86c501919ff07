package dev.responder.analysis.change;

import dev.responder.core.telemetry.ChangeEvent;
import java.util.List;

/**
 * A change scored as a suspect of an incident.
 *
 * @param score     in [0, 1]: the product of time closeness, kind weight and graph relevance
 * @param reasons   why it scored so, one line each, for people and models
 */
public record RankedChange(ChangeEvent change, double score, double timeCloseness, double graphRelevance,
                           List<String> reasons) {
  public RankedChange {
    reasons = List.copyOf(reasons);
  }
}
