package dev.responder.core.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * A fact that supports or weakens a hypothesis, with the query that produced it, so that a reader can
 * re-run the query and check the claim.
 *
 * @param source the tool or query that produced it, e.g. {@code query_metrics}
 * @param query the exact arguments or SQL, as text
 * @param weight how strongly it bears on the hypothesis, in [0, 1]
 */
public record Evidence(Instant ts, String claim, String source, String query, boolean supports, double weight) {
  public Evidence {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(source, "source");
    query = query == null ? "" : query;
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("evidence weight must be in [0, 1] but was " + weight);
    }
  }
}
