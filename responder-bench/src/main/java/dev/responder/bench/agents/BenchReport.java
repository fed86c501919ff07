package dev.responder.bench.agents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/** The benchmark's AIOpsLab-style summary: accuracy per task, AC@k, cost and time per problem, false positives. */
record BenchReport(List<AgentsBenchCommand.Result> results, String reasoner, long seed) {
  static final String NOT_RUN = "not run: no model configured";

  static BenchReport of(List<AgentsBenchCommand.Result> results, String reasoner, long seed) {
    return new BenchReport(List.copyOf(results), reasoner, seed);
  }

  private List<AgentsBenchCommand.Result> faulty() {
    return results.stream().filter(AgentsBenchCommand.Result::faulty).toList();
  }

  private List<AgentsBenchCommand.Result> clean() {
    return results.stream().filter(r -> !r.faulty()).toList();
  }

  private static double pct(long n, long d) {
    return d == 0 ? 0 : 100.0 * n / d;
  }

  double detection() {
    return pct(faulty().stream().filter(AgentsBenchCommand.Result::detected).count(), faulty().size());
  }

  double falsePositives() {
    return pct(clean().stream().filter(AgentsBenchCommand.Result::detected).count(), clean().size());
  }

  double ac(int k) {
    return pct(faulty().stream().filter(r -> r.ac(k)).count(), faulty().size());
  }

  double rca() {
    return pct(faulty().stream().filter(AgentsBenchCommand.Result::rca).count(), faulty().size());
  }

  private double median(java.util.function.ToLongFunction<AgentsBenchCommand.Result> f) {
    long[] v = faulty().stream().mapToLong(f).sorted().toArray();
    return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
  }

  void print(PrintWriter out) {
    out.printf("reasoner %s, seed %d: %d fault instances (%d problems), %d no-fault problems%n", reasoner, seed,
        faulty().size(), faulty().stream().mapToInt(r -> r.problems().size()).sum(), clean().size());
    out.printf("%-42s %-8s %-26s %-26s %-4s %-4s %-4s %6s %5s %6s %8s%n", "instance", "detected", "truth", "answer",
        "AC1", "AC3", "RCA", "ms", "steps", "calls", "tokens");
    for (AgentsBenchCommand.Result r : results) {
      if (r.faulty()) {
        var c = r.investigation().cost();
        out.printf("%-42s %-8s %-26s %-26s %-4s %-4s %-4s %6d %5d %6d %8d%n", r.key(), r.detected() ? "yes" : "MISS",
            r.problems().getFirst().faultType() + "@" + r.problems().getFirst().target(), r.faultType() + "@" + r.service(),
            yn(r.ac(1)), yn(r.ac(3)), yn(r.rca()), c.wallMs(), c.steps(), c.toolCalls(), c.inputTokens() + c.outputTokens());
      } else {
        out.printf("%-42s %-8s %-26s%n", r.key(), r.detected() ? "FALSE+" : "no", "no fault");
      }
    }
    out.println();
    out.println("| task | metric | " + reasoner + " | naive LLM (raw telemetry, no tools) |");
    out.println("|---|---|---|---|");
    out.printf("| detection | accuracy on faults | %.1f %% | %s |%n", detection(),
        naive(() -> pct(faulty().stream().filter(AgentsBenchCommand.Result::naiveDetected).count(), faulty().size())));
    out.printf("| detection | false positives on no-fault | %.1f %% | %s |%n", falsePositives(),
        naive(() -> pct(clean().stream().filter(AgentsBenchCommand.Result::naiveDetected).count(), clean().size())));
    out.printf("| localization | AC@1 | %.1f %% | %s |%n", ac(1),
        naive(() -> pct(faulty().stream().filter(r -> r.naiveAc(1)).count(), faulty().size())));
    out.printf("| localization | AC@3 | %.1f %% | %s |%n", ac(3),
        naive(() -> pct(faulty().stream().filter(r -> r.naiveAc(3)).count(), faulty().size())));
    out.printf("| rca | service and fault type | %.1f %% | %s |%n", rca(),
        naive(() -> pct(faulty().stream().filter(AgentsBenchCommand.Result::naiveRca).count(), faulty().size())));
    out.printf("| cost | median investigation ms / steps / tool calls | %.0f / %.0f / %.0f | %s |%n",
        median(r -> r.investigation().cost().wallMs()), median(r -> r.investigation().cost().steps()),
        median(r -> r.investigation().cost().toolCalls()),
        naiveRan() ? "%.0f / 1 / 0".formatted(median(r -> r.naive().wallMs())) : "not run");
    out.printf("| cost | median tokens / total USD | %.0f / %.4f | %s |%n",
        median(r -> r.investigation().cost().inputTokens() + r.investigation().cost().outputTokens()),
        faulty().stream().mapToDouble(r -> r.investigation().cost().usd()).sum(),
        naiveRan() ? "%.0f / %.4f".formatted(median(r -> r.naive().tokens()),
            results.stream().filter(r -> r.naive() != null).mapToDouble(r -> r.naive().usd()).sum()) : "not run");
    out.printf("| setup | median simulate+ingest ms / detection ms | %.0f / %.0f | |%n", median(r -> r.setupMs()),
        median(r -> r.detectMs()));
  }

  /** Whether the naive baseline ran on every instance. */
  boolean naiveRan() {
    return !results.isEmpty() && results.stream().allMatch(r -> r.naive() != null);
  }

  private String naive(java.util.function.DoubleSupplier pct) {
    return naiveRan() ? "%.1f %%".formatted(pct.getAsDouble()) : NOT_RUN;
  }

  private static String yn(boolean b) {
    return b ? "yes" : "no";
  }

  ObjectNode json() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("reasoner", reasoner).put("seed", seed)
        .put("detection_pct", detection()).put("false_positive_pct", falsePositives()).put("ac1_pct", ac(1))
        .put("ac3_pct", ac(3)).put("rca_pct", rca())
        .put("median_investigation_ms", median(r -> r.investigation().cost().wallMs()))
        .put("naive_llm_baseline", naiveRan() ? "run" : NOT_RUN);
    ArrayNode arr = o.putArray("instances");
    results.forEach(r -> arr.add(r.json()));
    return o;
  }

  @Override
  public String toString() {
    return "BenchReport" + Arrays.toString(new double[] {detection(), ac(1), rca()});
  }
}
