package dev.responder.store.clickhouse;

import dev.responder.core.query.MetricSeries;
import java.util.ArrayList;
import java.util.List;

/** One aggregated bucket of one series, as the metrics query returns it row by row. */
record Bucket(String service, String instance, String metric, MetricSeries.Point point) {

  /** Groups buckets sorted by service, instance, metric and time into series, keeping that order. */
  static List<MetricSeries> toSeries(List<Bucket> sorted) {
    List<MetricSeries> series = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= sorted.size(); i++) {
      if (i == sorted.size() || !sorted.get(i).sameSeries(sorted.get(start))) {
        Bucket first = sorted.get(start);
        List<MetricSeries.Point> points = sorted.subList(start, i).stream().map(Bucket::point).toList();
        series.add(new MetricSeries(first.service(), first.instance(), first.metric(), points));
        start = i;
      }
    }
    return series;
  }

  private boolean sameSeries(Bucket other) {
    return service.equals(other.service) && instance.equals(other.instance) && metric.equals(other.metric);
  }
}
