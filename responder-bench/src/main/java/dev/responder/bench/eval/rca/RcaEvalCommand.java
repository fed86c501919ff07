package dev.responder.bench.eval.rca;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.analysis.rca.Candidate;
import dev.responder.analysis.rca.RootCauseRanker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder eval rca}: ranks every labelled case of a data set with one root-cause ranker and reports
 * AC@1, AC@3, AC@5 and Avg@5, overall, per group (system or traffic scenario) and per fault type.
 */
@Command(name = "rca", mixinStandardHelpOptions = true,
    description = "Root-cause ranking accuracy (AC@1/3/5, Avg@5) on Nezha, PetShop or case bundles.")
public final class RcaEvalCommand implements Callable<Integer> {
  /** Data set layouts the command reads. */
  public enum Format { nezha, petshop, bundle }

  private static final int KEEP = 10;

  @Spec
  CommandSpec spec;

  @Option(names = "--format", required = true, description = "Data layout: ${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of the data set.")
  Path data;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE", description = "Write per-case rankings here, one JSON line per case.")
  Path out;

  @Option(names = "--ranker", defaultValue = "multi-signal",
      description = "Ranker by registry name (default: ${DEFAULT-VALUE}).")
  String ranker;

  @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N cases (0: all).")
  int limit;

  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  public Integer call() {
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("--data must be a directory but was " + data);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must be >= 0 but was " + limit);
    }
    RootCauseRanker r;
    try {
      r = RootCauseRanker.byName(ranker);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Stream<RcaCase> cases = switch (format) {
      case nezha -> NezhaLoader.load(data);
      case petshop -> PetShopLoader.load(data);
      case bundle -> BundleLoader.load(data);
    };
    if (limit > 0) {
      cases = cases.limit(limit);
    }
    List<Result> results = new ArrayList<>();
    try (BufferedWriter w = out == null ? null : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (RcaCase c : (Iterable<RcaCase>) cases::iterator) {
        List<Candidate> ranking = r.rank(c.data());
        int rank = rankOf(c, ranking);
        results.add(new Result(c.group(), c.faultType(), rank));
        if (w != null) {
          w.write(mapper.writeValueAsString(line(c, ranking, rank)));
          w.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    report(results);
    return 0;
  }

  static int rankOf(RcaCase c, List<Candidate> ranking) {
    for (int i = 0; i < ranking.size(); i++) {
      if (ranking.get(i).service().equals(c.rootCause())) {
        return i + 1;
      }
    }
    return 0;
  }

  private ObjectNode line(RcaCase c, List<Candidate> ranking, int rank) {
    ObjectNode n = mapper.createObjectNode();
    n.put("id", c.id()).put("group", c.group()).put("fault_type", c.faultType())
        .put("truth", c.rootCause().name()).put("rank", rank);
    ArrayNode top = n.putArray("ranking");
    for (Candidate cand : ranking.subList(0, Math.min(KEEP, ranking.size()))) {
      ObjectNode o = top.addObject();
      o.put("service", cand.service().name()).put("score", cand.score()).put("fault_type", cand.faultType().name());
      ArrayNode ev = o.putArray("evidence");
      cand.evidence().forEach(ev::add);
    }
    return n;
  }

  private record Result(String group, String faultType, int rank) {}

  private void report(List<Result> results) {
    RcaScore all = score(results);
    Map<String, RcaScore> byFault = grouped(results, true);
    Map<String, RcaScore> byGroup = grouped(results, false);
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      ObjectNode n = mapper.createObjectNode();
      put(n, all);
      ObjectNode f = n.putObject("by_fault_type");
      byFault.forEach((k, v) -> put(f.putObject(k), v));
      ObjectNode g = n.putObject("by_group");
      byGroup.forEach((k, v) -> put(g.putObject(k), v));
      try {
        o.println(mapper.writeValueAsString(n));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      o.printf(Locale.ROOT, "%-28s %6s %7s %7s %7s %7s%n", format + " (" + ranker + ")", "cases", "AC@1", "AC@3",
          "AC@5", "Avg@5");
      row(o, "all", all);
      byGroup.forEach((k, v) -> row(o, "group " + k, v));
      byFault.forEach((k, v) -> row(o, "fault " + k, v));
    }
    o.flush();
  }

  private static RcaScore score(List<Result> results) {
    return RcaScore.of(results.stream().mapToInt(Result::rank).toArray());
  }

  private static Map<String, RcaScore> grouped(List<Result> results, boolean byFault) {
    Map<String, List<Result>> groups = new TreeMap<>();
    results.forEach(r -> groups.computeIfAbsent(byFault ? r.faultType() : r.group(), k -> new ArrayList<>()).add(r));
    Map<String, RcaScore> out = new TreeMap<>();
    groups.forEach((k, v) -> out.put(k, score(v)));
    return out;
  }

  private static void put(ObjectNode n, RcaScore s) {
    n.put("cases", s.cases()).put("ac1", round(s.ac1())).put("ac3", round(s.ac3())).put("ac5", round(s.ac5()))
        .put("avg5", round(s.avg5()));
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static void row(PrintWriter o, String label, RcaScore s) {
    o.printf(Locale.ROOT, "%-28s %6d %6.1f%% %6.1f%% %6.1f%% %6.1f%%%n", label, s.cases(), 100 * s.ac1(),
        100 * s.ac3(), 100 * s.ac5(), 100 * s.avg5());
  }
}
