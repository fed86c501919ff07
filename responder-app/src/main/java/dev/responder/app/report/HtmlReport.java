package dev.responder.app.report;

import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.TimelineEntry;
import java.util.List;
import java.util.Locale;

/** Renders a postmortem as one self-contained HTML page: inline CSS and SVG, nothing fetched from anywhere. */
final class HtmlReport {
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
      h1{font-size:1.5em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
      table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border:1px solid #ddd;padding:.3em .5em;vertical-align:top}
      th{background:#f5f5f5;text-align:left}pre{background:#f7f7f7;padding:.4em;white-space:pre-wrap;margin:.2em 0}
      .REFUTED{color:#888}.CONFIRMED{color:#1a7f37;font-weight:bold}.weakens{color:#b35900}
      .marker-label{fill:#333}svg{max-width:100%;height:auto;display:block;margin:.6em 0}
      """;

  private HtmlReport() {}

  static String render(Postmortem pm) {
    Facts f = new Facts(pm);
    StringBuilder b = new StringBuilder(16384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(Text.xml(f.title()))
        .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    b.append("<h1>").append(Text.xml(f.title())).append("</h1>\n");
    section(b, "summary", "Summary").append("<p>").append(Text.xml(f.summary())).append("</p>\n");
    section(b, "impact", "Impact");
    list(b, f.impact());
    Postmortem.METRICS.forEach(m -> b.append(pm.chart(m)));
    section(b, "timeline", "Timeline").append("<table><tr><th>time (UTC)</th><th>kind</th><th>what</th></tr>\n");
    for (TimelineEntry e : pm.incident().timeline()) {
      b.append("<tr><td>").append(Text.time(e.ts())).append("</td><td>").append(Text.xml(e.kind())).append("</td><td>")
          .append(Text.xml(e.text())).append("</td></tr>\n");
    }
    b.append("</table>\n");
    section(b, "root-cause", "Root cause");
    rootCause(b, pm.incident().diagnosis(), f.evidence());
    b.append(pm.graph());
    section(b, "hypotheses", "Hypotheses considered")
        .append("<table><tr><th>hypothesis</th><th>verdict</th><th>confidence</th><th>why</th></tr>\n");
    f.hypotheses().forEach(h -> b.append("<tr class=\"").append(h.status()).append("\"><td>").append(Text.xml(h.statement()))
        .append("</td><td>").append(h.status()).append("</td><td>").append(String.format(Locale.ROOT, "%.2f", h.confidence()))
        .append("</td><td>").append(Text.xml(h.why())).append("</td></tr>\n"));
    b.append("</table>\n");
    section(b, "actions", "Actions and their effect");
    list(b, f.actions());
    section(b, "cost", "Cost of the investigation");
    list(b, f.cost());
    section(b, "follow-ups", "Follow-ups");
    list(b, f.followUps());
    return b.append("</body>\n</html>\n").toString();
  }

  private static StringBuilder section(StringBuilder b, String id, String title) {
    return b.append("<h2 id=\"").append(id).append("\">").append(title).append("</h2>\n");
  }

  private static void rootCause(StringBuilder b, Diagnosis d, List<Evidence> evidence) {
    if (d == null) {
      b.append("<p>Not determined.</p>\n");
      return;
    }
    b.append("<p><strong>").append(Text.xml(Facts.label(d.faultType().name()) + " at " + d.rootCause())).append("</strong>")
        .append(String.format(Locale.ROOT, " (confidence %.2f). ", d.confidence())).append(Text.xml(d.explanation())).append("</p>\n");
    b.append("<p>Chain of evidence; each claim links to the query and data behind it:</p>\n<ol class=\"evidence\">\n");
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      b.append("<li id=\"ev-").append(i + 1).append("\"").append(e.supports() ? "" : " class=\"weakens\"").append("><a href=\"#ev-")
          .append(i + 1).append("\">E").append(i + 1).append("</a> ").append(Text.xml(e.claim()))
          .append("<br><small>source: <code>").append(Text.xml(e.source())).append("</code> at ").append(Text.time(e.ts()))
          .append("</small>");
      if (!e.query().isBlank()) {
        b.append("<pre class=\"query\">").append(Text.xml(e.query())).append("</pre>");
      }
      b.append("</li>\n");
    }
    b.append("</ol>\n");
  }

  private static void list(StringBuilder b, List<String> lines) {
    b.append("<ul>\n");
    lines.forEach(s -> b.append("<li>").append(Text.xml(s)).append("</li>\n"));
    b.append("</ul>\n");
  }
}
