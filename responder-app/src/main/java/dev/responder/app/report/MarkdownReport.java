package dev.responder.app.report;

import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.TimelineEntry;
import java.util.List;
import java.util.Locale;

/** Renders a postmortem as Markdown; the charts are the SVG files {@link Postmortem#write} puts beside it. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(Postmortem pm) {
    Facts f = new Facts(pm);
    String id = pm.incident().id().value();
    StringBuilder b = new StringBuilder(8192);
    b.append("# ").append(Text.md(f.title())).append("\n\n");
    b.append("## Summary\n\n").append(Text.md(f.summary())).append("\n\n");
    b.append("## Impact\n\n");
    bullets(b, f.impact());
    for (String metric : Postmortem.METRICS) {
      b.append("![").append(metric).append("](").append(id).append('-').append(metric).append(".svg)\n\n");
    }
    b.append("## Timeline\n\n| time (UTC) | kind | what |\n|---|---|---|\n");
    for (TimelineEntry e : pm.incident().timeline()) {
      b.append("| ").append(Text.time(e.ts())).append(" | ").append(e.kind()).append(" | ").append(Text.md(e.text())).append(" |\n");
    }
    b.append("\n## Root cause\n\n");
    rootCause(b, pm.incident().diagnosis(), f.evidence());
    b.append("![service graph](").append(id).append("-services.svg)\n\n");
    b.append("## Hypotheses considered\n\n| hypothesis | verdict | confidence | why |\n|---|---|---|---|\n");
    f.hypotheses().forEach(h -> b.append("| ").append(Text.md(h.statement())).append(" | ").append(h.status()).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f", h.confidence())).append(" | ").append(Text.md(h.why())).append(" |\n"));
    b.append("\n## Actions and their effect\n\n");
    bullets(b, f.actions());
    b.append("## Cost of the investigation\n\n");
    bullets(b, f.cost());
    b.append("## Follow-ups\n\n");
    f.followUps().forEach(s -> b.append("- [ ] ").append(Text.md(s)).append('\n'));
    return b.toString();
  }

  private static void rootCause(StringBuilder b, Diagnosis d, List<Evidence> evidence) {
    if (d == null) {
      b.append("Not determined.\n\n");
      return;
    }
    b.append("**").append(Facts.label(d.faultType().name())).append(" at ").append(d.rootCause()).append("**")
        .append(String.format(Locale.ROOT, " (confidence %.2f). ", d.confidence())).append(Text.md(d.explanation())).append("\n\n");
    b.append("Chain of evidence (each claim with the query that produced it, to re-run):\n\n");
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      b.append(i + 1).append(". **E").append(i + 1).append("** ").append(e.supports() ? "" : "(weakens) ").append(Text.md(e.claim()))
          .append(" — `").append(Text.md(e.source())).append('`');
      if (!e.query().isBlank()) {
        b.append(": `").append(Text.md(e.query()).replace("`", "'")).append('`');
      }
      b.append('\n');
    }
    b.append('\n');
  }

  private static void bullets(StringBuilder b, List<String> lines) {
    lines.forEach(s -> b.append("- ").append(Text.md(s)).append('\n'));
    b.append('\n');
  }
}
