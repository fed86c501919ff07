package dev.responder.app.report;

import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import java.time.Instant;
import java.util.List;

/**
 * An SVG line chart of metric series over a time window, with vertical markers for the moments of an incident.
 * Time maps linearly onto the plot's width: {@code x(t) = LEFT + (t - from) / (to - from) * PLOT_WIDTH}.
 */
final class LineChart {
  static final int WIDTH = 720;
  static final int HEIGHT = 240;
  static final int LEFT = 64;
  static final int RIGHT = 16;
  static final int TOP = 28;
  static final int BOTTOM = 36;
  static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
  private static final String[] PALETTE = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"};

  /** A vertical line at {@code at}; {@code kind} becomes the CSS class {@code marker-KIND}. */
  record Marker(String kind, String label, Instant at) {}

  private LineChart() {}

  /** The x coordinate of {@code t} in a chart of {@code window}. */
  static double x(TimeWindow window, Instant t) {
    double span = window.toMillis() - window.fromMillis();
    return LEFT + (t.toEpochMilli() - window.fromMillis()) / span * PLOT_WIDTH;
  }

  static String render(String title, TimeWindow window, List<MetricSeries> series, List<Marker> markers) {
    double max = series.stream().flatMap(s -> s.points().stream()).mapToDouble(MetricSeries.Point::value)
        .filter(Double::isFinite).max().orElse(1);
    double top = max <= 0 ? 1 : max * 1.1;
    StringBuilder b = new StringBuilder(4096);
    b.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Text.xml(title)).append("\">\n");
    b.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"#ffffff\"/>\n");
    b.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\" font-weight=\"bold\">").append(Text.xml(title)).append("</text>\n");
    axes(b, window, top);
    for (int i = 0; i < series.size(); i++) {
      line(b, window, series.get(i), top, PALETTE[i % PALETTE.length]);
      legend(b, series.get(i), i, PALETTE[i % PALETTE.length]);
    }
    for (Marker m : markers) {
      if (m.at() != null && !m.at().isBefore(window.from()) && !m.at().isAfter(window.to())) {
        marker(b, window, m);
      }
    }
    return b.append("</svg>\n").toString();
  }

  private static double y(double value, double top) {
    return TOP + PLOT_HEIGHT - Math.max(0, value) / top * PLOT_HEIGHT;
  }

  private static void axes(StringBuilder b, TimeWindow window, double top) {
    int bottom = TOP + PLOT_HEIGHT;
    b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"").append(LEFT + PLOT_WIDTH)
        .append("\" y2=\"").append(bottom).append("\" stroke=\"#444444\"/>\n");
    b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
        .append("\" y2=\"").append(bottom).append("\" stroke=\"#444444\"/>\n");
    for (int i = 0; i <= 4; i++) {
      Instant t = window.from().plusMillis((window.toMillis() - window.fromMillis()) * i / 4);
      b.append("<text x=\"").append(Text.px(x(window, t))).append("\" y=\"").append(bottom + 16)
          .append("\" font-size=\"11\" text-anchor=\"middle\">").append(Text.shortTime(t)).append("</text>\n");
    }
    b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(TOP + 4).append("\" font-size=\"11\" text-anchor=\"end\">")
        .append(Text.num(top)).append("</text>\n");
    b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(bottom).append("\" font-size=\"11\" text-anchor=\"end\">0</text>\n");
  }

  private static void line(StringBuilder b, TimeWindow window, MetricSeries s, double top, String color) {
    StringBuilder pts = new StringBuilder();
    for (MetricSeries.Point p : s.points()) {
      if (Double.isFinite(p.value()) && window.contains(p.ts())) {
        pts.append(Text.px(x(window, p.ts()))).append(',').append(Text.px(y(p.value(), top))).append(' ');
      }
    }
    b.append("<polyline class=\"series\" data-service=\"").append(Text.xml(s.service())).append("\" fill=\"none\" stroke=\"")
        .append(color).append("\" stroke-width=\"1.5\" points=\"").append(pts.toString().trim()).append("\"/>\n");
  }

  private static void legend(StringBuilder b, MetricSeries s, int i, String color) {
    int x = LEFT + 220 + i * 90;
    b.append("<rect x=\"").append(x).append("\" y=\"9\" width=\"10\" height=\"10\" fill=\"").append(color).append("\"/>");
    b.append("<text x=\"").append(x + 14).append("\" y=\"18\" font-size=\"11\">").append(Text.xml(s.service())).append("</text>\n");
  }

  private static void marker(StringBuilder b, TimeWindow window, Marker m) {
    String x = Text.px(x(window, m.at()));
    b.append("<line class=\"marker marker-").append(m.kind()).append("\" x1=\"").append(x).append("\" y1=\"").append(TOP)
        .append("\" x2=\"").append(x).append("\" y2=\"").append(TOP + PLOT_HEIGHT)
        .append("\" stroke=\"#333333\" stroke-dasharray=\"4 3\"><title>").append(Text.xml(m.label() + " " + Text.time(m.at())))
        .append("</title></line>\n");
    b.append("<text class=\"marker-label\" x=\"").append(x).append("\" y=\"").append(TOP + 10)
        .append("\" font-size=\"10\" transform=\"rotate(90 ").append(x).append(' ').append(TOP + 10).append(")\">")
        .append(Text.xml(m.label())).append("</text>\n");
  }
}
