package dev.responder.app.otlp;

import dev.responder.core.topology.ServiceId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last point of each cumulative series, so that the next point can be turned into a rate or an
 * interval histogram. Bounded: the least recently used series is forgotten first (its next point is then
 * treated like a first point). Requests read and write through a {@link Staging}, which publishes its
 * writes only on {@link Staging#commit()}, so a rejected request or a failed store write leaves no trace
 * and a client's retry of the same data is computed against the same previous point.
 */
final class SeriesMemory {
  private final int capacity;
  private final LinkedHashMap<SeriesKey, Last> lastPoints;

  SeriesMemory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("series capacity must be >= 1 but was " + capacity);
    }
    this.capacity = capacity;
    this.lastPoints = new LinkedHashMap<>(16, 0.75f, true);
  }

  Staging staging() {
    return new Staging();
  }

  synchronized int size() {
    return lastPoints.size();
  }

  private synchronized Last get(SeriesKey key) {
    return lastPoints.get(key);
  }

  private synchronized void putAll(Map<SeriesKey, Last> points) {
    lastPoints.putAll(points);
    Iterator<SeriesKey> eldest = lastPoints.keySet().iterator();
    for (int excess = lastPoints.size() - capacity; excess > 0; excess--) {
      eldest.next();
      eldest.remove();
    }
  }

  /** One request's view: its own writes first, then the shared memory. Not thread-safe; one per request. */
  final class Staging {
    private Map<SeriesKey, Last> pending;

    Last get(SeriesKey key) {
      Last mine = pending == null ? null : pending.get(key);
      return mine != null ? mine : SeriesMemory.this.get(key);
    }

    void put(SeriesKey key, Last point) {
      if (pending == null) {
        pending = new HashMap<>();
      }
      pending.put(key, point);
    }

    /** Publishes this request's points; call once, after the batch was stored. */
    void commit() {
      if (pending != null) {
        putAll(pending);
        pending = null;
      }
    }
  }

  /** A series: labels must not be modified after the key is made. */
  record SeriesKey(ServiceId service, String instance, String name, Map<String, String> labels) {}

  /** What is remembered of a series' last point. */
  sealed interface Last permits Scalar, Buckets, ExpBuckets {
    /** The point's time, Unix nanoseconds. */
    long time();

    /** The point's start time, Unix nanoseconds, 0 when unknown. */
    long start();
  }

  /** A sum. */
  record Scalar(long time, long start, double value) implements Last {}

  /** An explicit-bucket histogram, or a summary (no buckets). */
  record Buckets(long time, long start, long count, double sum, double[] bounds, long[] counts) implements Last {}

  /** An exponential histogram. */
  record ExpBuckets(long time, long start, long count, double sum, int scale, long zeroCount,
                    ExpRange positive, ExpRange negative) implements Last {}

  /** The buckets on one side of an exponential histogram: counts[i] is the bucket with index offset + i. */
  record ExpRange(int offset, long[] counts) {}
}
