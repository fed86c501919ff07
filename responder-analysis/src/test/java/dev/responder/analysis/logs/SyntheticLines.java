package dev.responder.analysis.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Seeded realistic log lines from a few templates whose variables all carry digits. */
final class SyntheticLines {
  private static final List<String> TEMPLATES = List.of(
      "Receiving block blk_%d src: /10.250.%d.%d:%d dest: /10.250.%d.%d:50010",
      "Accepted password for user%d from 192.168.%d.%d port %d ssh2",
      "GET /api/v1/orders/%d returned 200 in %d ms",
      "Worker %d finished job %d",
      "Cache eviction: freed %d MB after %d s with %d entries left in region %d",
      "db pool exhausted active=%d idle=%d");

  private SyntheticLines() {
  }

  static List<String> generate(RandomGenerator random, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
      Object[] args = new Object[6];
      for (int a = 0; a < args.length; a++) {
        args[a] = random.nextInt(100_000);
      }
      out.add(String.format(java.util.Locale.ROOT, template, args));
    }
    return out;
  }
}
