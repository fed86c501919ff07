package dev.responder.analysis.anomaly;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream, kept both in arrival order (a ring) and sorted, so order
 * statistics (median, quartiles) cost O(1) and an update costs one binary search and one array shift,
 * O(capacity) in the worst case but a short {@code System.arraycopy} in practice. Memory is fixed at
 * construction.
 */
final class SortedWindow {
  private final double[] ring;
  private final double[] sorted;
  private int size;
  private int head;

  SortedWindow(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("window capacity must be >= 1 but was " + capacity);
    }
    ring = new double[capacity];
    sorted = new double[capacity];
  }

  int size() {
    return size;
  }

  int capacity() {
    return ring.length;
  }

  boolean isFull() {
    return size == ring.length;
  }

  /** Adds a value, evicting the oldest once full. NaN is rejected because it has no place in the order. */
  void add(double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("window values must not be NaN");
    }
    if (size == ring.length) {
      double old = ring[head];
      int at = indexOf(old);
      int insert = insertionPoint(value);
      // Shift only the stretch between the evicted slot and the new slot.
      if (insert <= at) {
        System.arraycopy(sorted, insert, sorted, insert + 1, at - insert);
        sorted[insert] = value;
      } else {
        System.arraycopy(sorted, at + 1, sorted, at, insert - 1 - at);
        sorted[insert - 1] = value;
      }
      ring[head] = value;
      head = (head + 1) % ring.length;
      return;
    }
    int insert = insertionPoint(value);
    System.arraycopy(sorted, insert, sorted, insert + 1, size - insert);
    sorted[insert] = value;
    ring[(head + size) % ring.length] = value;
    size++;
  }

  void clear() {
    size = 0;
    head = 0;
  }

  /** The q-quantile (0..1) with linear interpolation between order statistics; NaN when empty. */
  double quantile(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    double pos = q * (size - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, size - 1);
    double frac = pos - lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
  }

  double median() {
    return quantile(0.5);
  }

  /** The i-th most recent value, 0 being the newest. */
  double recent(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("recent index " + i + " outside 0.." + (size - 1));
    }
    int newest = (head + size - 1) % ring.length;
    return ring[Math.floorMod(newest - i, ring.length)];
  }

  double[] sortedCopy() {
    return Arrays.copyOf(sorted, size);
  }

  private int insertionPoint(double value) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int indexOf(double value) {
    int i = insertionPoint(value);
    // Equal values are interchangeable, so any slot holding the evicted value will do.
    if (i >= size || Double.compare(sorted[i], value) != 0 && sorted[i] != value) {
      throw new IllegalStateException("evicted value " + value + " missing from the sorted view");
    }
    return i;
  }
}
