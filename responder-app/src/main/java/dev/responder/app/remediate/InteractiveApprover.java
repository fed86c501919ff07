package dev.responder.app.remediate;

import dev.responder.core.action.Approval;
import dev.responder.core.port.ApprovalRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes the first decision from either of two places: the approval repository (someone approved in the web UI, over
 * the API or with {@code responder approvals} from another terminal) or a line typed on this terminal ({@code y}
 * approves, anything else rejects with the text as the comment). Without a decision before the timeout the approval
 * expires, which escalates the incident. When the terminal closes, decisions can still come from the repository.
 */
public final class InteractiveApprover implements Approver {
  private static final String EOF = "\u0000eof";

  private final ApprovalRepository repository;
  private final BlockingQueue<String> lines;
  private final PrintWriter out;
  private final String by;
  private final String where;
  private final InstantSource clock;
  private final Duration timeout;
  private final Duration interval;
  private boolean terminalOpen;

  /**
   * @param lines    lines typed on the terminal, from {@link #readLines(InputStream)}; null when there is no terminal
   * @param where    how to reach the other place to decide, shown with the prompt (e.g. the UI's address)
   * @param interval how often the repository is checked
   */
  public InteractiveApprover(ApprovalRepository repository, BlockingQueue<String> lines, PrintWriter out, String by,
                             String where, InstantSource clock, Duration timeout, Duration interval) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.lines = lines;
    this.out = Objects.requireNonNull(out, "out");
    this.by = Objects.requireNonNull(by, "by");
    this.where = Objects.requireNonNull(where, "where");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.terminalOpen = lines != null;
  }

  /** Reads {@code in} line by line on a daemon thread into a queue, so waiting for a line never blocks forever. */
  public static BlockingQueue<String> readLines(InputStream in) {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    Thread reader = Thread.ofPlatform().daemon().name("terminal-approvals").unstarted(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          queue.add(line);
        }
      } catch (IOException e) {
        // a closed terminal ends the terminal's part; the repository still decides
      }
      queue.add(EOF);
    });
    reader.start();
    return queue;
  }

  @Override
  public Approval decide(Approval pending) {
    out.printf("approval %s: %s%n  reason: %s%n  approve %s%s%n", pending.id(), pending.action().describe(),
        pending.reason(), where, terminalOpen ? ", or here: [y/N, or a comment to reject]" : "");
    out.flush();
    Instant deadline = clock.instant().plus(timeout);
    while (clock.instant().isBefore(deadline)) {
      Optional<Approval> stored = repository.find(pending.id());
      if (stored.isPresent() && stored.get().state() != Approval.State.PENDING) {
        Approval d = stored.get();
        out.printf("  %s by %s%s%n", d.state(), d.decidedBy(), d.comment().isEmpty() ? "" : ": " + d.comment());
        out.flush();
        return d;
      }
      String line = nextLine();
      if (line != null) {
        String answer = line.trim();
        return answer.toLowerCase(Locale.ROOT).matches("y|yes")
            ? pending.decide(Approval.State.APPROVED, by, clock.instant(), "approved on the terminal")
            : pending.decide(Approval.State.REJECTED, by, clock.instant(), answer.isEmpty() ? "rejected on the terminal" : answer);
      }
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    return pending.decide(Approval.State.EXPIRED, "responder", clock.instant(), "no decision within " + timeout + "; escalated");
  }

  /** A typed line, or null after waiting one interval (or at once when the terminal is closed). */
  private String nextLine() {
    try {
      if (!terminalOpen) {
        Thread.sleep(interval.toMillis());
        return null;
      }
      String line = lines.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
      if (EOF.equals(line)) {
        terminalOpen = false;
        return null;
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
