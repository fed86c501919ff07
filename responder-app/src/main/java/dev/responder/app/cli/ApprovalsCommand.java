package dev.responder.app.cli;

import dev.responder.core.action.Approval;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.error.ConfigException;
import dev.responder.store.DuckDbDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code responder approvals}: list pending approvals, approve or reject one, over the DuckDB state file. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
    description = "List pending approvals; approve or reject one with a comment (recorded in the audit log).")
public final class ApprovalsCommand {
  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = "--state", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The DuckDB state file (default: the configuration's state file).")
  Path state;

  @Command(name = "list", description = "Pending approvals: id, incident, action, why, requested at.")
  int list() {
    try (DuckDbDatabase db = global.openState(state)) {
      PrintWriter out = spec.commandLine().getOut();
      var pending = db.approvals().pending();
      if (pending.isEmpty()) {
        out.println("no pending approvals");
      }
      for (Approval a : pending) {
        out.printf("%s  %s  %s  requested %s%n    why: %s%n", a.id(), a.incident(), a.action().describe(), a.requestedAt(), a.reason());
      }
      out.flush();
    }
    return 0;
  }

  @Command(name = "approve", description = "Approve a pending approval.")
  int approve(@Parameters(paramLabel = "ID") String id,
              @Option(names = "--by", required = true, paramLabel = "NAME") String by,
              @Option(names = "--comment", defaultValue = "", paramLabel = "TEXT") String comment) {
    return decide(id, Approval.State.APPROVED, by, comment);
  }

  @Command(name = "reject", description = "Reject a pending approval; the agents then propose an alternative.")
  int reject(@Parameters(paramLabel = "ID") String id,
             @Option(names = "--by", required = true, paramLabel = "NAME") String by,
             @Option(names = "--comment", required = true, paramLabel = "TEXT") String comment) {
    return decide(id, Approval.State.REJECTED, by, comment);
  }

  private int decide(String id, Approval.State decision, String by, String comment) {
    try (DuckDbDatabase db = global.openState(state)) {
      Approval a = db.approvals().find(id).orElseThrow(() -> new ConfigException("no approval '" + id + "' in " + db.name()
          + "; pending: " + db.approvals().pending().stream().map(Approval::id).toList()));
      if (a.state() != Approval.State.PENDING) {
        throw new ConfigException("approval " + id + " was already " + a.state() + " by " + a.decidedBy());
      }
      Approval decided = a.decide(decision, by, InstantSource.system().instant(), comment);
      db.approvals().save(decided);
      db.audit().append(new AuditRecord(0, decided.decidedAt(), by, "approval", a.incident().toString(),
          decision.name().toLowerCase(java.util.Locale.ROOT) + " " + id + (comment.isEmpty() ? "" : ": " + comment),
          Map.of("approval", id, "state", decision.name(), "by", by, "comment", comment, "via", "cli")));
      spec.commandLine().getOut().println(decision.name().toLowerCase(java.util.Locale.ROOT) + " " + id + ": " + a.action().describe());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
