package dev.responder.analysis.rca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPatternSignalTest {

  /** One request: front's handler calls cart "get", then (unless it returns early) cart "put", and logs a line. */
  private static void request(List<Span> spans, List<LogRecord> logs, String id, Instant t, String handler,
                              boolean callsPut, String logLine) {
    ServiceId front = ServiceId.of("front");
    ServiceId cart = ServiceId.of("cart");
    spans.add(new Span(id, id + "a", "", front, handler, t, Duration.ofMillis(10), SpanStatus.UNSET, Map.of()));
    spans.add(new Span(id, id + "b", id + "a", cart, "get", t, Duration.ofMillis(2), SpanStatus.UNSET, Map.of()));
    if (callsPut) {
      spans.add(new Span(id, id + "c", id + "a", cart, "put", t, Duration.ofMillis(2), SpanStatus.UNSET, Map.of()));
    }
    logs.add(new LogRecord(t, front, "front-1", Severity.INFO, logLine, id, id + "a", Map.of()));
  }

  private static IncidentData incident(boolean earlyReturn, boolean otherMix) {
    List<Span> spans = new ArrayList<>();
    List<LogRecord> logs = new ArrayList<>();
    TimeWindow base = Scenario.BASELINE;
    TimeWindow win = Scenario.WINDOW;
    for (int i = 0; i < 200; i++) {
      request(spans, logs, "b" + i, base.from().plusSeconds(i), "checkout", true, "order " + i + " placed");
      boolean page = otherMix && i % 2 == 0;
      request(spans, logs, "w" + i, win.from().plusSeconds(i), page ? "browse" : "checkout", !earlyReturn && !page,
          earlyReturn ? "order " + i + " skipped" : "order " + i + " placed");
    }
    return new IncidentData(win, base, List.of(), Map.of(), logs, spans, List.of());
  }

  @Test
  void signal_blamesTheHandler_thatStoppedCallingAndPrintsANewLine() {
    Map<ServiceId, Finding> found = EventPatternSignal.score(incident(true, false));
    assertThat(found).containsKey(ServiceId.of("front"));
    assertThat(found.get(ServiceId.of("front")).strength()).isGreaterThan(10);
    assertThat(found.get(ServiceId.of("front")).evidence()).contains("checkout");
    assertThat(found.getOrDefault(ServiceId.of("cart"), new Finding(0, "", null)).strength()).isLessThan(3);
  }

  @Test
  void signal_ignoresAChangedRequestMix_whenEachHandlerBehavesAsBefore() {
    Map<ServiceId, Finding> found = EventPatternSignal.score(incident(false, true));
    assertThat(found.values()).allSatisfy(f -> assertThat(f.strength()).isLessThan(3));
  }

  @Test
  void ranker_putsTheEarlyReturningHandlerFirst_fromTracesAlone() {
    List<Candidate> ranking = RootCauseRanker.defaults().rank(incident(true, false));
    assertThat(ranking.getFirst().service().name()).isEqualTo("front");
    assertThat(ranking.getFirst().evidence()).anySatisfy(e -> assertThat(e).startsWith("event pattern"));
  }

  @Test
  void logKey_keepsTheLeadingWordsOfTheMaskedTemplate() {
    assertThat(EventPatternSignal.logKey("getLeft [Seat request] station=shanghai id 42 more words here"))
        .isEqualTo("getLeft [Seat request] station=shanghai id");
    assertThat(EventPatternSignal.logKey("short 7")).isEqualTo("short <*>");
  }
}
