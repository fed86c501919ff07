package dev.responder.app.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Approval;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InteractiveApproverTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String WHERE = "at http://127.0.0.1:8080/#/approvals";
  private static final Duration LONG = Duration.ofSeconds(10);
  private static final Duration INTERVAL = Duration.ofMillis(20);

  private final StringWriter printed = new StringWriter();
  private final InstantSource clock = InstantSource.system();
  private DuckDbDatabase db;
  private Approval pending;

  @BeforeEach
  void start() {
    db = Stores.openDuckDb(null);
    Action restart = new Action(ActionKind.RESTART, ServiceId.of("payment"), Map.of(), Risk.LOW, Reversibility.REVERSIBLE,
        "clear pool");
    pending = Approval.request("APR-1", new IncidentId("INC-1"), restart, "restart payment to clear its pool", T0);
    db.approvals().save(pending);
  }

  @AfterEach
  void stop() {
    db.close();
  }

  private InteractiveApprover approver(BlockingQueue<String> lines, Duration timeout) {
    return new InteractiveApprover(db.approvals(), lines, new PrintWriter(printed, true), "alice", WHERE, clock, timeout, INTERVAL);
  }

  private static BlockingQueue<String> typed(String text) {
    return InteractiveApprover.readLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Saves the approval as decided by someone else after a delay, as the web UI or another terminal would. */
  private Thread decideElsewhere(Approval.State decision, String by, String comment, long afterMillis) {
    return Thread.ofPlatform().daemon().start(() -> {
      try {
        Thread.sleep(afterMillis);
        db.approvals().save(pending.decide(decision, by, clock.instant(), comment));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Test
  void typedY_approvesAsTheGivenName() {
    Approval decided = approver(typed("y\n"), LONG).decide(pending);

    assertThat(decided.state()).isEqualTo(Approval.State.APPROVED);
    assertThat(decided.decidedBy()).isEqualTo("alice");
    assertThat(decided.comment()).isEqualTo("approved on the terminal");
    assertThat(decided.id()).isEqualTo("APR-1");
    assertThat(decided.decidedAt()).isNotNull();
    assertThat(printed.toString()).contains("approval APR-1: restart payment", "reason: restart payment to clear its pool",
        "approve " + WHERE + ", or here: [y/N, or a comment to reject]");
  }

  @Test
  void typedYes_inAnyCase_approves() {
    assertThat(approver(typed("  YES \n"), LONG).decide(pending).state()).isEqualTo(Approval.State.APPROVED);
  }

  @Test
  void typedText_rejectsWithItAsTheComment() {
    Approval decided = approver(typed("too risky\n"), LONG).decide(pending);

    assertThat(decided.state()).isEqualTo(Approval.State.REJECTED);
    assertThat(decided.decidedBy()).isEqualTo("alice");
    assertThat(decided.comment()).isEqualTo("too risky");
  }

  @Test
  void emptyLine_rejectsWithADefaultComment() {
    Approval decided = approver(typed("\n"), LONG).decide(pending);

    assertThat(decided.state()).isEqualTo(Approval.State.REJECTED);
    assertThat(decided.comment()).isEqualTo("rejected on the terminal");
  }

  @Test
  void decisionSavedElsewhere_whileTheTerminalIsSilent_isReturnedAndPrinted() throws Exception {
    BlockingQueue<String> silent = new LinkedBlockingQueue<>();
    Thread other = decideElsewhere(Approval.State.REJECTED, "bob", "not during the sale", 200);

    long started = System.nanoTime();
    Approval decided = approver(silent, LONG).decide(pending);
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    other.join(LONG.toMillis());

    assertThat(decided.state()).isEqualTo(Approval.State.REJECTED);
    assertThat(decided.decidedBy()).isEqualTo("bob");
    assertThat(decided.comment()).isEqualTo("not during the sale");
    assertThat(tookMillis).isGreaterThanOrEqualTo(150).isLessThan(LONG.toMillis());
    assertThat(printed.toString()).contains("REJECTED by bob: not during the sale");
  }

  @Test
  void afterTerminalEof_aDecisionSavedElsewhereStillCounts() throws Exception {
    BlockingQueue<String> closed = InteractiveApprover.readLines(InputStream.nullInputStream());
    Thread other = decideElsewhere(Approval.State.APPROVED, "carol", "", 200);

    Approval decided = approver(closed, LONG).decide(pending);
    other.join(LONG.toMillis());

    assertThat(decided.state()).isEqualTo(Approval.State.APPROVED);
    assertThat(decided.decidedBy()).isEqualTo("carol");
    assertThat(printed.toString()).contains("APPROVED by carol").doesNotContain("APPROVED by carol:");
  }

  @Test
  void noDecisionWithinTheTimeout_expires() {
    Duration timeout = Duration.ofMillis(300);

    long started = System.nanoTime();
    Approval decided = approver(new LinkedBlockingQueue<>(), timeout).decide(pending);
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(decided.state()).isEqualTo(Approval.State.EXPIRED);
    assertThat(decided.decidedBy()).isEqualTo("responder");
    assertThat(decided.comment()).isEqualTo("no decision within PT0.3S; escalated");
    assertThat(tookMillis).isGreaterThanOrEqualTo(290).isLessThan(5_000);
    assertThat(db.approvals().find("APR-1").orElseThrow().state()).isEqualTo(Approval.State.PENDING);
  }

  @Test
  void withoutATerminal_thePromptOffersOnlyTheOtherPlace_andRepositoryDecisionsCount() throws Exception {
    Thread other = decideElsewhere(Approval.State.APPROVED, "dave", "ok", 200);

    Approval decided = approver(null, LONG).decide(pending);
    other.join(LONG.toMillis());

    assertThat(decided.state()).isEqualTo(Approval.State.APPROVED);
    assertThat(decided.decidedBy()).isEqualTo("dave");
    assertThat(printed.toString()).contains("approve " + WHERE).doesNotContain("or here");
  }

  @Test
  void withoutATerminal_nothingDecided_expires() {
    Approval decided = approver(null, Duration.ofMillis(300)).decide(pending);

    assertThat(decided.state()).isEqualTo(Approval.State.EXPIRED);
  }
}
