package dev.responder.app.investigate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Whether a memory series looks like a leak, read from a {@code query_metrics} answer: on some instance memory
 * climbs steadily through the window (at least 15 % overall with three steps in four going up), or it climbs for
 * several buckets and then drops by a third or more at once, as when the leaking process is OOM-killed and
 * restarted (a garbage collector's quicker sawtooth is not taken for one). A comparison
 * with the baseline misses a leak that was already under way before the window; its shape does not.
 */
final class LeakShape {
  private static final int MIN_POINTS = 8;
  /** A climb before a drop must last this many buckets: a garbage collector's sawtooth is quicker. */
  private static final int MIN_CLIMB_STEPS = 4;

  private LeakShape() {}

  /** A sentence describing the leak found on the first instance that shows one, or null when none does. */
  static String find(JsonNode queryMetrics) {
    for (JsonNode s : queryMetrics.path("series")) {
      JsonNode pts = s.path("points");
      int n = pts.size();
      if (n < MIN_POINTS) {
        continue;
      }
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = pts.get(i).path(1).asDouble();
      }
      String instance = s.path("instance").asText("");
      String where = instance.isEmpty() ? "" : " on " + instance;
      int ups = 0;
      for (int i = 1; i < n; i++) {
        if (v[i] >= v[i - 1]) {
          ups++;
        }
      }
      if (v[0] > 0 && v[n - 1] >= v[0] * 1.15 && ups >= 0.75 * (n - 1)) {
        return String.format(Locale.ROOT, "memory climbed steadily%s from %.3g to %.3g", where, v[0], v[n - 1]);
      }
      double low = v[0];
      int lowAt = 0;
      for (int i = 1; i < n; i++) {
        boolean slowClimb = i - 1 - lowAt >= MIN_CLIMB_STEPS && v[i - 1] >= low * 1.15;
        if (slowClimb && v[i - 1] > 0 && v[i] <= v[i - 1] * 2 / 3) {
          return String.format(Locale.ROOT, "memory climbed%s to %.3g, then dropped to %.3g at once (a restart)",
              where, v[i - 1], v[i]);
        }
        if (v[i] < low) {
          low = v[i];
          lowAt = i;
        }
      }
    }
    return null;
  }
}
