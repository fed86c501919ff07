package dev.responder.app.remediate;

import dev.responder.core.action.Approval;
import dev.responder.core.port.ApprovalRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Gets a person's decision on a pending approval. An approver returns the approval decided (APPROVED or REJECTED,
 * with who, when and why), or EXPIRED when nobody answered in time, which escalates the incident.
 */
@FunctionalInterface
public interface Approver {

  Approval decide(Approval pending);

  /** Approves everything as {@code by} (the {@code --approve-all} option and benchmarks). */
  static Approver autoApprove(String by, InstantSource clock) {
    return p -> p.decide(Approval.State.APPROVED, by, clock.instant(), "approved by --approve-all");
  }

  /** Rejects everything with the comment. */
  static Approver rejectAll(String by, String comment, InstantSource clock) {
    return p -> p.decide(Approval.State.REJECTED, by, clock.instant(), comment);
  }

  /** Asks in the terminal: {@code y} approves, anything else rejects with the text typed as the comment. */
  static Approver terminal(BufferedReader in, PrintWriter out, String by, InstantSource clock) {
    return p -> {
      out.printf("approval %s: %s%n  reason: %s%n  approve? [y/N, or a comment to reject] ", p.id(), p.action().describe(), p.reason());
      out.flush();
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        line = null;
      }
      if (line == null) {
        return p.decide(Approval.State.EXPIRED, "responder", clock.instant(), "no answer on the terminal");
      }
      String answer = line.trim();
      return answer.toLowerCase(Locale.ROOT).matches("y|yes")
          ? p.decide(Approval.State.APPROVED, by, clock.instant(), "approved on the terminal")
          : p.decide(Approval.State.REJECTED, by, clock.instant(), answer.isEmpty() ? "rejected on the terminal" : answer);
    };
  }

  /**
   * Waits for someone to decide through the repository (for example {@code responder approvals approve ID} from
   * another terminal), polling every {@code interval}; after {@code timeout} the approval expires.
   */
  static Approver polling(ApprovalRepository repository, Duration timeout, Duration interval, InstantSource clock) {
    return new InteractiveApprover(repository, null, new PrintWriter(Writer.nullWriter()), "", "elsewhere", clock,
        timeout, interval);
  }
}
