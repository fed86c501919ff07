package dev.responder.bench.templates;

import dev.responder.analysis.logs.TemplateMiner;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder bench templates}: single-thread throughput of the template miner (lines per second per core)
 * on seeded synthetic lines drawn from realistic templates (HDFS, sshd, HTTP access, JVM, kernel, Kubernetes
 * style), with numbers, IPs, ids, paths, durations and a few word-valued parameters.
 */
@Command(name = "templates", mixinStandardHelpOptions = true,
    description = "Template miner throughput (lines/s on one core) on realistic synthetic lines.")
public final class TemplateBenchCommand implements Callable<Integer> {
  private static final String[] TEMPLATES = {
      "Receiving block blk_%d src: /10.%d.%d.%d:%d dest: /10.%d.%d.%d:50010",
      "PacketResponder %d for block blk_%d terminating",
      "Accepted password for %s from 192.168.%d.%d port %d ssh2",
      "Invalid user %s from 173.234.%d.%d",
      "GET /api/v1/orders/%d HTTP/1.1 200 %d bytes in %d ms",
      "POST /api/v1/users/%d/cart returned 503 after %dms upstream=cart-%d",
      "Connection pool exhausted: active=%d idle=%d waiting=%d timeout=%ds",
      "GC pause (G1 Evacuation Pause) young %dM->%dM(%dM) %d.%dms",
      "Pod checkout-%d-%s restarted, exit code %d, reason %s",
      "kernel: [%d.%d] Out of memory: Killed process %d (java) total-vm:%dkB",
      "request_id=%08x-%04x user=%s path=/home/%s/data/%d.csv status=ok latency=%d ms",
      "Session %d initialized by client %s version %d.%d.%d",
  };
  private static final String[] WORDS = {"root", "admin", "guest", "oracle", "test", "deploy", "alice", "bob",
      "OOMKilled", "Error", "Completed", "svc-payments"};

  @Spec
  CommandSpec spec;

  @Option(names = "--lines", defaultValue = "3000000", description = "Lines per timed run (default: ${DEFAULT-VALUE}).")
  int lines;

  @Option(names = "--runs", defaultValue = "5", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for the synthetic lines (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (lines < 1 || runs < 1) {
      throw new IllegalArgumentException("--lines and --runs must be >= 1 but were " + lines + " and " + runs);
    }
    List<String> data = generate(new SplittableRandom(seed), lines);
    PrintWriter out = spec.commandLine().getOut();
    int templates = run(data);
    out.printf(Locale.ROOT, "warm-up: %d lines, %d templates%n", data.size(), templates);
    double best = 0;
    double sum = 0;
    for (int r = 1; r <= runs; r++) {
      long t0 = System.nanoTime();
      run(data);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double rate = data.size() / seconds;
      best = Math.max(best, rate);
      sum += rate;
      out.printf(Locale.ROOT, "run %d: %.0f lines/s (%.2f s)%n", r, rate, seconds);
    }
    out.printf(Locale.ROOT, "template miner, 1 thread: mean %.0f lines/s, best %.0f lines/s (target >= 200000)%n",
        sum / runs, best);
    out.flush();
    return 0;
  }

  /** Adds every line to a fresh miner and reads the final assignments, as an evaluation would. */
  private static int run(List<String> data) {
    TemplateMiner miner = TemplateMiner.create();
    for (String line : data) {
      miner.add(line);
    }
    return miner.finalAssignments().isEmpty() ? 0 : miner.templates().size();
  }

  static List<String> generate(SplittableRandom random, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
      out.add(fill(template, random));
    }
    return out;
  }

  private static String fill(String template, SplittableRandom random) {
    StringBuilder sb = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '%') {
        sb.append(c);
        i++;
        continue;
      }
      int end = i + 1;
      while (!Character.isLetter(template.charAt(end))) {
        end++;
      }
      switch (template.charAt(end)) {
        case 's' -> sb.append(WORDS[random.nextInt(WORDS.length)]);
        case 'x' -> sb.append(String.format(Locale.ROOT, template.substring(i, end + 1), random.nextInt(1 << 30)));
        default -> sb.append(random.nextInt(1_000_000));
      }
      i = end + 1;
    }
    return sb.toString();
  }
}
