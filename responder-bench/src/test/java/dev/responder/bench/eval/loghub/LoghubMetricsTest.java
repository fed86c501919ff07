package dev.responder.bench.eval.loghub;

import dev.responder.bench.eval.Csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoghubMetricsTest {

  @Test
  void groupingAccuracy_countsOnlyLinesWhoseGroupIsExactlyRight() {
    // truth: A = {0,1,2}, B = {3,4}, C = {5}
    List<String> truth = List.of("A", "A", "A", "B", "B", "C");
    // parsed: {0,1,2} right; {3} and {4} split B (wrong); {5} right
    List<Integer> parsed = List.of(7, 7, 7, 8, 9, 10);

    assertThat(LoghubMetrics.groupingAccuracy(truth, parsed)).isEqualTo(4 / 6.0);
  }

  @Test
  void groupingAccuracy_mergedGroupsAreAllWrong() {
    List<String> truth = List.of("A", "A", "B", "C");
    List<Integer> parsed = List.of(1, 1, 1, 2);

    assertThat(LoghubMetrics.groupingAccuracy(truth, parsed)).isEqualTo(1 / 4.0);
  }

  @Test
  void parsingAccuracy_comparesNormalisedTemplates() {
    List<String> truth = List.of("Served block <*> to <*>", "Took <*> ms", "a  b", "x <*>");
    List<String> parsed = List.of("Served block <*> to <*>:<*>", "Took <*> <*>", "a b", "x y");

    // right: the first (<*>:<*> is one wildcard) and the third (whitespace); wrong: "Took <*>" != "Took <*> ms", "x y"
    assertThat(LoghubMetrics.parsingAccuracy(truth, parsed)).isEqualTo(2 / 4.0);
  }

  @Test
  void normalise_collapsesAdjacentWildcards_likeLoghub2() {
    assertThat(LoghubMetrics.normalise(" <*>.<*>.<*>  <*>:<*> end ")).isEqualTo("<*> end");
  }

  @Test
  void metrics_rejectMismatchedLengths_withSizes() {
    assertThatThrownBy(() -> LoghubMetrics.groupingAccuracy(List.of("A"), List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 and 2");
  }

  @Test
  void csv_readsQuotedFieldsWithCommasQuotesAndNewlines() {
    List<List<String>> rows = Csv.parse("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\n");

    assertThat(rows).containsExactly(List.of("a", "b", "c"), List.of("1", "x, \"y\"\nz", "3"));
  }
}
