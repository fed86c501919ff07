package dev.responder.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.app.investigate.Cost;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import dev.responder.core.topology.Topology;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PostmortemTest {
  private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
  private static final ServiceId CHECKOUT = ServiceId.of("checkout");
  private static final Topology SHOP = Topology.of(List.of(DependencyEdge.call("frontend", "checkout"),
      DependencyEdge.call("checkout", "payment"), DependencyEdge.call("frontend", "catalog"), DependencyEdge.call("checkout", "catalog")));

  @Test
  void markdown_hasEverySectionAndKeepsEachClaimsSourceAndQuery() {
    String md = postmortem().markdown();
    assertThat(md).contains("# Postmortem INC-00000001", "## Summary", "## Impact", "## Timeline", "## Root cause",
        "## Hypotheses considered", "## Actions and their effect", "## Cost of the investigation", "## Follow-ups");
    assertThat(md).contains("**E1** error rate of checkout rose 20x after deploy v42 — `query_metrics`: `service=checkout metric=error_rate`");
    assertThat(md).contains("| payment is overloaded | REFUTED | 0.10 | payment latency is flat [query_metrics] |");
    assertThat(md).contains("Tokens: 1200 in, 300 out", "Model spend: $0.0123");
    assertThat(md).contains("![error_rate](INC-00000001-error_rate.svg)", "![service graph](INC-00000001-services.svg)");
  }

  @Test
  void html_isSelfContained_withNoExternalReferenceAnywhere() {
    String html = postmortem().html();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg class=\"chart\"", "<svg class=\"graph\"");
    assertThat(html).doesNotContain("http://", "https://", "src=", "<link", "<script");
    assertThat(html).contains("<a href=\"#ev-1\">E1</a>", "<pre class=\"query\">service=checkout metric=error_rate</pre>");
  }

  @Test
  void metricsChart_placesEachMarkerAtItsTime() throws Exception {
    Document svg = parse(postmortem().chart("error_rate"));
    assertThat(markerX(svg, "fault")).isEqualTo(LineChart.LEFT + 10.0 / 40 * LineChart.PLOT_WIDTH);
    assertThat(markerX(svg, "detection")).isEqualTo(LineChart.LEFT + 15.0 / 40 * LineChart.PLOT_WIDTH);
    assertThat(markerX(svg, "diagnosis")).isEqualTo(LineChart.LEFT + 16.0 / 40 * LineChart.PLOT_WIDTH);
    assertThat(markerX(svg, "mitigation")).isEqualTo(LineChart.LEFT + 30.0 / 40 * LineChart.PLOT_WIDTH);
  }

  @Test
  void metricsChart_omitsTheFaultMarker_whenTheFaultStartIsUnknown() throws Exception {
    Postmortem pm = postmortem();
    Postmortem unknown = new Postmortem(pm.incident(), null, pm.cost(), pm.topology(),
        new Postmortem.Moments(null, pm.moments().detected(), null, null), pm.window(), pm.series());
    Document svg = parse(unknown.chart("latency_p95_ms"));
    assertThat(markers(svg)).containsExactly("marker marker-detection");
    assertThat(unknown.markdown()).contains("- None.");
  }

  @Test
  void chartsAndGraph_areWellFormedSvg_withOneLinePerChartedService() throws Exception {
    Postmortem pm = postmortem();
    assertThat(parse(pm.chart("error_rate")).getElementsByTagName("polyline").getLength()).isEqualTo(2);
    Document graph = parse(pm.graph());
    assertThat(graph.getElementsByTagName("rect").getLength()).isEqualTo(SHOP.services().size());
    assertThat(graph.getElementsByTagName("line").getLength()).isEqualTo(SHOP.edges().size());
  }

  @Test
  void serviceGraph_highlightsTheRootCause_andLayersCallersAboveCallees() throws Exception {
    Document graph = parse(postmortem().graph());
    NodeList groups = graph.getElementsByTagName("g");
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").contains("root-cause")) {
        roots.add(g.getAttribute("data-service"));
      }
    }
    assertThat(roots).containsExactly("checkout");
    assertThat(ServiceGraph.layers(SHOP)).containsEntry(ServiceId.of("frontend"), 0).containsEntry(CHECKOUT, 1)
        .containsEntry(ServiceId.of("catalog"), 2).containsEntry(ServiceId.of("payment"), 2);
  }

  @Test
  void serviceGraph_survivesACycle() {
    Topology cyclic = Topology.of(List.of(DependencyEdge.call("a", "b"), DependencyEdge.call("b", "a")));
    assertThat(ServiceGraph.layers(cyclic).values()).allSatisfy(l -> assertThat(l).isBetween(0, 1));
  }

  @Test
  void write_producesMarkdownHtmlAndTheChartsTheMarkdownReferences(@TempDir Path dir) throws Exception {
    Postmortem.Written w = postmortem().write(dir);
    assertThat(w.markdown()).hasFileName("INC-00000001.md").exists();
    assertThat(w.html()).hasFileName("INC-00000001.html").exists();
    assertThat(w.charts()).extracting(p -> p.getFileName().toString())
        .containsExactly("INC-00000001-error_rate.svg", "INC-00000001-latency_p95_ms.svg", "INC-00000001-services.svg");
    for (Path chart : w.charts()) {
      Document svg = parse(Files.readString(chart));
      assertThat(svg.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
    }
  }

  private static Postmortem postmortem() {
    Evidence e1 = new Evidence(T0.plusSeconds(960), "error rate of checkout rose 20x after deploy v42", "query_metrics",
        "service=checkout metric=error_rate", true, 0.9);
    Evidence e2 = new Evidence(T0.plusSeconds(960), "deploy v42 of checkout at 12:10", "get_changes", "service=checkout", true, 0.8);
    Evidence against = new Evidence(T0.plusSeconds(950), "payment latency is flat", "query_metrics", "service=payment", false, 0.7);
    Diagnosis d = new Diagnosis(CHECKOUT, FaultType.BAD_DEPLOY, 0.86, "errors began with deploy v42", List.of(e1, e2));
    Hypothesis confirmed = new Hypothesis("h1", "checkout deploy v42 is bad", CHECKOUT, FaultType.BAD_DEPLOY,
        Hypothesis.Status.CONFIRMED, 0.86, List.of(e1, e2), "", "change");
    Hypothesis refuted = new Hypothesis("h2", "payment is overloaded", ServiceId.of("payment"), FaultType.CPU_SATURATION,
        Hypothesis.Status.REFUTED, 0.1, List.of(against), "", "performance");
    Instant detected = T0.plus(Duration.ofMinutes(15));
    Incident inc = Incident.open(new IncidentId("INC-00000001"), "errors at checkout", Severity.ERROR, detected, "sig",
            Set.of(CHECKOUT, ServiceId.of("frontend")))
        .moveTo(IncidentState.INVESTIGATING, detected.plusSeconds(5), "specialists at work")
        .withHypothesis(confirmed).withHypothesis(refuted)
        .withDiagnosis(d, T0.plus(Duration.ofMinutes(16)))
        .moveTo(IncidentState.DIAGNOSED, T0.plus(Duration.ofMinutes(16)), "confirmed")
        .moveTo(IncidentState.MITIGATING, T0.plus(Duration.ofMinutes(20)), "rollback checkout")
        .moveTo(IncidentState.MITIGATED, T0.plus(Duration.ofMinutes(30)), "SLOs held");
    TimeWindow window = TimeWindow.of(T0, T0.plus(Duration.ofMinutes(40)));
    List<MetricSeries> series = List.of(series("checkout", "error_rate", 0.01, 0.3), series("frontend", "error_rate", 0.005, 0.2),
        series("checkout", "latency_p95_ms", 120, 900));
    return new Postmortem(inc, null, new Cost(12, 30, 1200, 300, 0.0123, 4200), SHOP,
        Postmortem.Moments.of(inc, null, T0.plus(Duration.ofMinutes(10))), window, series);
  }

  private static MetricSeries series(String service, String metric, double normal, double faulty) {
    List<MetricSeries.Point> points = new ArrayList<>();
    for (int m = 0; m < 40; m++) {
      points.add(new MetricSeries.Point(T0.plus(Duration.ofMinutes(m)), m >= 10 && m < 25 ? faulty : normal));
    }
    return new MetricSeries(service, "", metric, points);
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static double markerX(Document svg, String kind) {
    NodeList lines = svg.getElementsByTagName("line");
    for (int i = 0; i < lines.getLength(); i++) {
      Element l = (Element) lines.item(i);
      if (l.getAttribute("class").equals("marker marker-" + kind)) {
        return Double.parseDouble(l.getAttribute("x1"));
      }
    }
    throw new AssertionError("no " + kind + " marker");
  }

  private static List<String> markers(Document svg) {
    List<String> out = new ArrayList<>();
    NodeList lines = svg.getElementsByTagName("line");
    for (int i = 0; i < lines.getLength(); i++) {
      String cls = ((Element) lines.item(i)).getAttribute("class");
      if (cls.startsWith("marker")) {
        out.add(cls);
      }
    }
    return out;
  }
}
