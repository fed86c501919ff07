package dev.responder.analysis.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link TemplateCounts} over a sorted map of buckets; the oldest bucket is evicted beyond the bound. */
final class BucketedTemplateCounts implements TemplateCounts {
  private final long bucketMillis;
  private final int maxBuckets;
  private final TreeMap<Long, Map<Integer, Long>> buckets = new TreeMap<>();

  BucketedTemplateCounts(long bucketMillis, int maxBuckets) {
    this.bucketMillis = bucketMillis;
    this.maxBuckets = maxBuckets;
  }

  @Override
  public void add(long epochMillis, int templateId, long lines) {
    if (templateId < 0 || lines < 0) {
      throw new IllegalArgumentException("templateId and lines must be >= 0 but were " + templateId + ", " + lines);
    }
    long start = bucketStart(epochMillis);
    if (buckets.size() == maxBuckets && !buckets.containsKey(start) && start < buckets.firstKey()) {
      return; // older than everything retained: it would be evicted at once
    }
    buckets.computeIfAbsent(start, k -> new HashMap<>()).merge(templateId, lines, Long::sum);
    while (buckets.size() > maxBuckets) {
      buckets.pollFirstEntry();
    }
  }

  @Override
  public long bucketStart(long epochMillis) {
    return Math.floorDiv(epochMillis, bucketMillis) * bucketMillis;
  }

  @Override
  public long count(int templateId, long bucketStart) {
    Map<Integer, Long> bucket = buckets.get(bucketStart);
    return bucket == null ? 0 : bucket.getOrDefault(templateId, 0L);
  }

  @Override
  public List<Bucket> buckets() {
    List<Bucket> out = new ArrayList<>(buckets.size());
    buckets.forEach((start, counts) -> out.add(new Bucket(start, counts)));
    return List.copyOf(out);
  }

  @Override
  public List<Signal> signals(Range baseline, Range window, double minScore, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 but was " + limit);
    }
    Map<Integer, Long> base = totals(baseline);
    Map<Integer, Long> now = totals(window);
    double scale = (double) window.length() / baseline.length();
    List<Signal> out = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : now.entrySet()) {
      long baseCount = base.getOrDefault(e.getKey(), 0L);
      long observed = e.getValue();
      double expected = (baseCount + 0.5) * scale;
      double score = (observed - expected) / Math.sqrt(expected + 1);
      if (baseCount == 0) {
        out.add(new Signal(e.getKey(), Kind.NEW, observed, 0, expected, score));
      } else if (score >= minScore) {
        out.add(new Signal(e.getKey(), Kind.SPIKE, observed, baseCount, expected, score));
      }
    }
    out.sort(Comparator.comparingDouble(Signal::score).reversed().thenComparingInt(Signal::templateId));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  private Map<Integer, Long> totals(Range range) {
    Map<Integer, Long> totals = new HashMap<>();
    buckets.subMap(bucketStart(range.fromMillis()), true, range.toMillis(), false)
        .values().forEach(b -> b.forEach((id, n) -> totals.merge(id, n, Long::sum)));
    return totals;
  }
}
