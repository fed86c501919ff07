package dev.responder.app.report;

import dev.responder.app.investigate.Cost;
import dev.responder.app.investigate.StoreIncident;
import dev.responder.app.remediate.Remediation;
import dev.responder.core.error.PermanentException;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.Aggregation;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.topology.ServiceId;
import dev.responder.core.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The postmortem of one incident, rendered as Markdown or as a self-contained HTML page (inline CSS and SVG, no
 * external references). It holds everything it shows, so rendering is pure: the same postmortem renders the same
 * bytes. {@link #build} reads the telemetry it charts from the store; tests construct it directly.
 *
 * @param incident    the incident as it ended, with its timeline, hypotheses and diagnosis
 * @param remediation what the remediation did, or null when none ran
 * @param cost        what the investigation cost
 * @param topology    the service graph to draw
 * @param moments     the incident's key moments, on the telemetry's clock
 * @param window      the charts' time range
 * @param series      the charted series: error rate and p95 latency of the root cause and its callers
 */
public record Postmortem(Incident incident, Remediation remediation, Cost cost, Topology topology, Moments moments,
                         TimeWindow window, List<MetricSeries> series) {
  /** The metrics charted, in order. */
  public static final List<String> METRICS = List.of("error_rate", "latency_p95_ms");
  private static final int MAX_SERVICES = 5;

  /**
   * When the fault started (when known), was detected, diagnosed and mitigated; null when it did not happen or is
   * not known.
   */
  public record Moments(Instant faultStart, Instant detected, Instant diagnosed, Instant mitigated) {
    public Moments {
      Objects.requireNonNull(detected, "detected");
    }

    /** Detection from the incident's opening, diagnosis and mitigation from its timeline and the remediation. */
    public static Moments of(Incident incident, Remediation remediation, Instant faultStart) {
      Instant diagnosed = incident.timeline().stream().filter(e -> e.kind().equals("diagnosis")).map(TimelineEntry::ts)
          .findFirst().orElse(incident.firstEntered(IncidentState.DIAGNOSED).orElse(null));
      Instant mitigated = remediation != null && remediation.mitigatedAt() != null ? remediation.mitigatedAt()
          : incident.firstEntered(IncidentState.MITIGATED).orElse(null);
      return new Moments(faultStart, incident.openedAt(), diagnosed, mitigated);
    }

    List<LineChart.Marker> markers() {
      return List.of(new LineChart.Marker("fault", "fault", faultStart), new LineChart.Marker("detection", "detected", detected),
          new LineChart.Marker("diagnosis", "diagnosed", diagnosed), new LineChart.Marker("mitigation", "mitigated", mitigated));
    }

    Stream<Instant> known() {
      return Stream.of(faultStart, detected, diagnosed, mitigated).filter(Objects::nonNull);
    }
  }

  /** The files {@link #write} produced. */
  public record Written(Path markdown, Path html, List<Path> charts) {
    public Written {
      charts = List.copyOf(charts);
    }
  }

  public Postmortem {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(moments, "moments");
    Objects.requireNonNull(window, "window");
    series = List.copyOf(series);
  }

  /**
   * Builds the postmortem, reading the charted series (per-service averages in buckets of about 1/120 of the window)
   * from {@code store}. The window runs from 10 minutes before the earliest moment to 5 minutes after the latest.
   *
   * @param faultStart when the fault started, or null when unknown (outside a simulation it usually is)
   */
  public static Postmortem build(Incident incident, Remediation remediation, Cost cost, Topology topology,
                                 TelemetryStore store, Instant faultStart) {
    Incident last = remediation == null ? incident : remediation.incident();
    Moments moments = Moments.of(last, remediation, faultStart);
    Instant from = moments.known().min(Instant::compareTo).orElseThrow().minus(Duration.ofMinutes(10));
    Instant to = moments.known().max(Instant::compareTo).orElseThrow().plus(Duration.ofMinutes(5));
    TimeWindow window = TimeWindow.of(from, to);
    Duration bucket = Duration.ofSeconds(Math.max(10, window.length().toSeconds() / 120));
    List<MetricSeries> series = new ArrayList<>();
    for (String metric : METRICS) {
      for (ServiceId s : charted(last, topology)) {
        store.metrics(MetricQuery.of(s.name(), metric, window, bucket, Aggregation.AVG)).rows().stream()
            .filter(m -> !m.points().isEmpty()).findFirst().ifPresent(series::add);
      }
    }
    return new Postmortem(last, remediation, cost, topology, moments, window, series);
  }

  /**
   * The postmortem of an incident as it was recorded, for an incident whose remediation ran elsewhere or earlier:
   * cost from the timeline's {@code cost} entries, the fault start from its first {@code impact} entry's
   * {@code started_at} (unknown without one), the service graph learned from the spans in {@code store} around
   * the incident. Actions taken appear through the timeline.
   */
  public static Postmortem fromRecord(Incident incident, TelemetryStore store) {
    Instant faultStart = impactStart(incident);
    Instant last = incident.timeline().stream().map(TimelineEntry::ts).max(Instant::compareTo).orElse(incident.openedAt());
    Instant first = faultStart != null && faultStart.isBefore(incident.openedAt()) ? faultStart : incident.openedAt();
    TimeWindow around = TimeWindow.of(first.minus(Duration.ofHours(1)), last.plus(Duration.ofMinutes(5)));
    Topology topology = StoreIncident.topology(store, around);
    return build(incident, null, Cost.fromTimeline(incident), topology, store, faultStart);
  }

  /** When the impact started per the incident's first {@code impact} timeline entry, or null. */
  public static Instant impactStart(Incident incident) {
    for (TimelineEntry e : incident.timeline()) {
      String at = e.kind().equals("impact") ? e.attributes().get("started_at") : null;
      if (at != null) {
        try {
          return Instant.parse(at.trim());
        } catch (DateTimeParseException unreadable) {
          return null;
        }
      }
    }
    return null;
  }

  /** One chart of the postmortem: a title, the metric it shows ({@code services} for the graph) and its SVG. */
  public record Chart(String title, String metric, String svg) {}

  /**
   * The charts as the postmortem shows them: each of {@link #METRICS}, then the service graph; each an SVG element
   * with its namespace declared, so it parses on its own (as an SVG document or in HTML).
   */
  public List<Chart> charts() {
    List<Chart> out = new ArrayList<>();
    out.add(new Chart("Error rate", "error_rate", namespaced(chart("error_rate"))));
    out.add(new Chart("Latency p95 (ms)", "latency_p95_ms", namespaced(chart("latency_p95_ms"))));
    out.add(new Chart("Services", "services", namespaced(graph())));
    return out;
  }

  /** The root cause and its direct callers when diagnosed, else the incident's services; at most five. */
  static List<ServiceId> charted(Incident incident, Topology topology) {
    Set<ServiceId> out = new LinkedHashSet<>();
    if (incident.diagnosis() != null) {
      out.add(incident.diagnosis().rootCause());
      out.addAll(topology.callers(incident.diagnosis().rootCause()));
    } else {
      out.addAll(incident.services());
    }
    return out.stream().limit(MAX_SERVICES).toList();
  }

  /** The series of one metric, in the order charted. */
  List<MetricSeries> seriesOf(String metric) {
    return series.stream().filter(s -> s.metric().equals(metric)).toList();
  }

  /** The chart of one of {@link #METRICS} as an SVG element (no namespace declaration; add it for a standalone file). */
  String chart(String metric) {
    String title = metric.equals("error_rate") ? "Error rate" : "Latency p95 (ms)";
    return LineChart.render(title, window, seriesOf(metric), moments.markers());
  }

  /** The service graph as an SVG element, the root cause highlighted. */
  String graph() {
    ServiceId root = incident.diagnosis() == null ? null : incident.diagnosis().rootCause();
    return ServiceGraph.render(topology, root, incident.services());
  }

  /** The Markdown postmortem; charts are referenced as {@code ID-METRIC.svg} and {@code ID-services.svg} files. */
  public String markdown() {
    return MarkdownReport.render(this);
  }

  /** The self-contained HTML postmortem. */
  public String html() {
    return HtmlReport.render(this);
  }

  /** Writes {@code ID.md}, {@code ID.html} and the SVG charts the Markdown references into {@code dir}. */
  public Written write(Path dir) {
    String id = incident.id().value();
    try {
      Files.createDirectories(dir);
      List<Path> charts = new ArrayList<>();
      for (String metric : METRICS) {
        charts.add(Files.writeString(dir.resolve(id + "-" + metric + ".svg"), standalone(chart(metric)), StandardCharsets.UTF_8));
      }
      charts.add(Files.writeString(dir.resolve(id + "-services.svg"), standalone(graph()), StandardCharsets.UTF_8));
      Path md = Files.writeString(dir.resolve(id + ".md"), markdown(), StandardCharsets.UTF_8);
      Path html = Files.writeString(dir.resolve(id + ".html"), html(), StandardCharsets.UTF_8);
      return new Written(md, html, charts);
    } catch (IOException e) {
      throw new PermanentException("cannot write the postmortem of " + id + " to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String standalone(String svg) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + namespaced(svg);
  }

  private static String namespaced(String svg) {
    return svg.replaceFirst("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
  }
}
