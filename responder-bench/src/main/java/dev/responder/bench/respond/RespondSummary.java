package dev.responder.bench.respond;

import dev.responder.app.remediate.SimulatedResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The mitigation figures of a benchmark run. */
public record RespondSummary(int problems, int mitigated, int unsafeActions, Long medianTimeToMitigateS) {

  public static RespondSummary of(List<SimulatedResponse.Result> results) {
    int ok = (int) results.stream().filter(r -> r.score().mitigated()).count();
    int unsafe = results.stream().mapToInt(r -> r.score().unsafeActions()).sum();
    List<Long> ttm = results.stream().map(r -> r.score().timeToMitigate()).filter(Objects::nonNull)
        .map(Duration::toSeconds).sorted().toList();
    Long median = ttm.isEmpty() ? null : ttm.get(ttm.size() / 2);
    return new RespondSummary(results.size(), ok, unsafe, median);
  }

  public double mitigatedPct() {
    return problems == 0 ? 0 : 100.0 * mitigated / problems;
  }
}
