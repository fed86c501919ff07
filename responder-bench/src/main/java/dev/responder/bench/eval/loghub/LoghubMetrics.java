package dev.responder.bench.eval.loghub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two Loghub metrics.
 *
 * <p>Grouping accuracy (Zhu et al., ICSE-SEIP 2019, logpai/logparser {@code evaluator.get_accuracy}): a line is
 * correct iff the set of lines in its parsed group equals the set of lines in its ground-truth group.
 *
 * <p>Parsing accuracy (Khan et al., ICSE 2022; Jiang et al., Loghub-2.0, ISSTA 2024): the share of lines whose
 * parsed template equals the ground-truth template. Both sides go through the same normalisation as the
 * Loghub-2.0 evaluator's {@code correct_template_general}: whitespace runs become one space, and consecutive
 * wildcards joined by nothing, a space, {@code .} or {@code :} collapse into one {@code <*>}.
 */
final class LoghubMetrics {
  private LoghubMetrics() {
  }

  /** Grouping accuracy of {@code parsed} group keys against {@code truth} group keys, line by line. */
  static <T> double groupingAccuracy(List<String> truth, List<T> parsed) {
    requireSameSize(truth, parsed);
    if (truth.isEmpty()) {
      return 1.0;
    }
    Map<String, Integer> truthSize = new HashMap<>();
    for (String t : truth) {
      truthSize.merge(t, 1, Integer::sum);
    }
    Map<T, Integer> parsedSize = new HashMap<>();
    Map<T, String> parsedTruth = new HashMap<>();
    Map<T, Boolean> pure = new HashMap<>();
    for (int i = 0; i < truth.size(); i++) {
      T p = parsed.get(i);
      parsedSize.merge(p, 1, Integer::sum);
      String first = parsedTruth.putIfAbsent(p, truth.get(i));
      if (first != null && !first.equals(truth.get(i))) {
        pure.put(p, false);
      }
    }
    long correct = 0;
    for (Map.Entry<T, Integer> e : parsedSize.entrySet()) {
      T p = e.getKey();
      if (pure.getOrDefault(p, true) && truthSize.get(parsedTruth.get(p)).equals(e.getValue())) {
        correct += e.getValue();
      }
    }
    return (double) correct / truth.size();
  }

  /** Parsing accuracy: share of lines whose normalised templates are equal. */
  static double parsingAccuracy(List<String> truth, List<String> parsed) {
    requireSameSize(truth, parsed);
    if (truth.isEmpty()) {
      return 1.0;
    }
    Map<String, String> memo = new HashMap<>();
    long correct = 0;
    for (int i = 0; i < truth.size(); i++) {
      String t = memo.computeIfAbsent(truth.get(i), LoghubMetrics::normalise);
      String p = memo.computeIfAbsent(parsed.get(i), LoghubMetrics::normalise);
      if (t.equals(p)) {
        correct++;
      }
    }
    return (double) correct / truth.size();
  }

  /** The template normalisation applied to both sides before comparing. */
  static String normalise(String template) {
    String t = template.strip().replaceAll("\\s+", " ");
    String prev;
    do {
      prev = t;
      t = t.replace("<*>.<*>", "<*>");
    } while (!t.equals(prev));
    do {
      prev = t;
      t = t.replace("<*><*>", "<*>").replace("<*>:<*>", "<*>").replace("<*> <*>", "<*>");
    } while (!t.equals(prev));
    return t;
  }

  private static void requireSameSize(List<?> truth, List<?> parsed) {
    if (truth.size() != parsed.size()) {
      throw new IllegalArgumentException("truth and parsed must have the same number of lines but had "
          + truth.size() + " and " + parsed.size());
    }
  }
}
