package dev.responder.bench.eval.loghub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.analysis.logs.TemplateMiner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder eval loghub --data DIR [--json]}: grouping and parsing accuracy of the template miner on the
 * Loghub-2k systems, against the original and the corrected templates (docs/eval-loghub.md).
 */
@Command(name = "loghub", mixinStandardHelpOptions = true,
    description = "Log template mining accuracy (GA, PA) on Loghub-2k, original and corrected templates.")
public final class LoghubEvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Folder holding <Sys>/<Sys>_2k.log_structured[_corrected].csv (e.g. ../shared/data/loghub-2k).")
  Path data;

  @Option(names = "--json", description = "Print the scores as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<LoghubEvaluation.SystemScore> scores = run(data);
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? toJson(scores) : toTable(scores));
    out.flush();
    return 0;
  }

  static List<LoghubEvaluation.SystemScore> run(Path dir) {
    TemplateMiner.Settings settings = TemplateMiner.Settings.defaults();
    List<LoghubEvaluation.SystemScore> scores = new ArrayList<>();
    for (String system : LoghubEvaluation.systems(dir)) {
      scores.add(LoghubEvaluation.evaluate(dir, system, settings));
    }
    return List.copyOf(scores);
  }

  static String toJson(List<LoghubEvaluation.SystemScore> scores) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode systems = root.putObject("systems");
    for (LoghubEvaluation.SystemScore s : scores) {
      ObjectNode n = systems.putObject(s.system());
      n.put("ga", round(s.ga()));
      n.put("pa", round(s.pa()));
      n.put("ga_corrected", round(s.gaCorrected()));
      n.put("pa_corrected", round(s.paCorrected()));
    }
    ObjectNode avg = root.putObject("average");
    avg.put("ga", round(mean(scores, LoghubEvaluation.SystemScore::ga)));
    avg.put("pa", round(mean(scores, LoghubEvaluation.SystemScore::pa)));
    avg.put("ga_corrected", round(mean(scores, LoghubEvaluation.SystemScore::gaCorrected)));
    avg.put("pa_corrected", round(mean(scores, LoghubEvaluation.SystemScore::paCorrected)));
    return mapper.writeValueAsString(root);
  }

  static String toTable(List<LoghubEvaluation.SystemScore> scores) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-10s %6s %9s %7s %7s %7s %7s%n",
        "system", "lines", "templates", "GA", "PA", "GA corr", "PA corr"));
    for (LoghubEvaluation.SystemScore s : scores) {
      sb.append(String.format(Locale.ROOT, "%-10s %6d %9d %7.4f %7.4f %7.4f %7.4f%n", s.system(), s.lines(),
          s.templates(), s.ga(), s.pa(), s.gaCorrected(), s.paCorrected()));
    }
    sb.append(String.format(Locale.ROOT, "%-10s %6s %9s %7.4f %7.4f %7.4f %7.4f", "average", "", "",
        mean(scores, LoghubEvaluation.SystemScore::ga), mean(scores, LoghubEvaluation.SystemScore::pa),
        mean(scores, LoghubEvaluation.SystemScore::gaCorrected), mean(scores, LoghubEvaluation.SystemScore::paCorrected)));
    return sb.toString();
  }

  private static double mean(List<LoghubEvaluation.SystemScore> scores, ToDoubleFunction<LoghubEvaluation.SystemScore> f) {
    return scores.stream().mapToDouble(f).average().orElse(Double.NaN);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
