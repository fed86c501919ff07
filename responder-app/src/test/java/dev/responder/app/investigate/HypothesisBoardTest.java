package dev.responder.app.investigate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypothesisBoardTest {
  private static final Instant T = Instant.parse("2026-11-01T12:00:00Z");

  private static Hypothesis h(String service, FaultType type, double c) {
    return new Hypothesis("x", type + " at " + service, ServiceId.of(service), type, Hypothesis.Status.OPEN, c,
        List.of(new Evidence(T, "seen", "log_patterns", "{} [p#1]", true, 0.5)), "test it", "performance");
  }

  private static Evidence against() {
    return new Evidence(T, "healthy", "run_diagnostic", "{} [p#2]", false, 0.8);
  }

  @Test
  void propose_mergesTheSameServiceAndFault_combiningConfidenceByNoisyOr() {
    HypothesisBoard board = new HypothesisBoard();
    String a = board.propose(h("cart", FaultType.MEMORY_LEAK, 0.5));
    String b = board.propose(h("cart", FaultType.MEMORY_LEAK, 0.5));
    assertThat(b).isEqualTo(a);
    assertThat(board.size()).isEqualTo(1);
    assertThat(board.get(a).confidence()).isEqualTo(0.75);
    assertThat(board.get(a).evidence()).hasSize(2);
  }

  @Test
  void board_isUndecided_whileTwoHypothesesStayAlive() {
    HypothesisBoard board = new HypothesisBoard();
    board.propose(h("cart", FaultType.MEMORY_LEAK, 0.5));
    board.propose(h("redis", FaultType.CACHE_OUTAGE, 0.4));
    assertThat(board.decided()).isFalse();
    assertThat(board.alive()).hasSize(2);
  }

  @Test
  void board_isDecided_onceATestConfirmsOne() {
    HypothesisBoard board = new HypothesisBoard();
    String a = board.propose(h("cart", FaultType.MEMORY_LEAK, 0.5));
    board.propose(h("redis", FaultType.CACHE_OUTAGE, 0.6));
    board.confirm(a, new Evidence(T, "memory rose", "query_metrics", "{} [p#3]", true, 0.7));
    assertThat(board.decided()).isTrue();
    assertThat(board.leading()).get().extracting(Hypothesis::rootCause).isEqualTo(ServiceId.of("cart"));
  }

  @Test
  void refute_refusesTheLastAliveHypothesis_butRecordsTheEvidence() {
    HypothesisBoard board = new HypothesisBoard();
    String a = board.propose(h("cart", FaultType.MEMORY_LEAK, 0.5));
    String b = board.propose(h("redis", FaultType.CACHE_OUTAGE, 0.4));
    assertThat(board.refute(b, against())).isTrue();
    assertThat(board.decided()).isTrue();
    assertThat(board.refute(a, against())).isFalse();
    assertThat(board.get(a).status()).isEqualTo(Hypothesis.Status.OPEN);
    assertThat(board.get(a).evidenceAgainst()).hasSize(1);
  }
}
