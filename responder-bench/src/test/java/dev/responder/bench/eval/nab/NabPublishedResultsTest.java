package dev.responder.bench.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.responder.bench.eval.nab.NabScorer.Profile;
import dev.responder.bench.eval.nab.NabScorer.ScoredSeries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scorer reproduces the published NAB scores of two detectors from their own result files (ANCHORS.md). */
class NabPublishedResultsTest {

  @ParameterizedTest(name = "{0}: {1} / {2} / {3}")
  @CsvSource({"numenta, 72.76, 65.97, 76.87", "windowedGaussian, 50.87, 31.13, 59.02"})
  void scorer_reproducesPublishedScores_withinHalfAPoint(String detector, double standard, double lowFp, double lowFn)
      throws Exception {
    Path nab = NabData.nabOrSkip();
    NabCorpus corpus = NabCorpus.open(nab);
    List<ScoredSeries> results = NabEvalCommand.readResults(corpus, nab.resolve("results").resolve(detector));
    Map<String, Double> scores = corpus.profiles().stream()
        .collect(Collectors.toMap(Profile::name, p -> NabScorer.score(results, p).normalised()));

    assertThat(results).hasSize(34);
    assertThat(scores.get("standard")).isCloseTo(standard, within(0.5));
    assertThat(scores.get("reward_low_FP_rate")).isCloseTo(lowFp, within(0.5));
    assertThat(scores.get("reward_low_FN_rate")).isCloseTo(lowFn, within(0.5));
  }
}
