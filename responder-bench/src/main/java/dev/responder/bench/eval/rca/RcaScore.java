package dev.responder.bench.eval.rca;

/**
 * Top-k accuracy over a set of cases: AC@k is the share of cases whose true root cause is among the first k
 * candidates; Avg@5 is the mean of AC@1 to AC@5 (the RCAEval and Nezha convention).
 */
record RcaScore(int cases, double ac1, double ac3, double ac5, double avg5) {

  /** Scores cases given the 1-based rank of the truth in each (0 when it was not ranked at all). */
  static RcaScore of(int[] ranks) {
    double[] ac = new double[6];
    for (int k = 1; k <= 5; k++) {
      int hits = 0;
      for (int r : ranks) {
        hits += r >= 1 && r <= k ? 1 : 0;
      }
      ac[k] = ranks.length == 0 ? 0 : (double) hits / ranks.length;
    }
    double avg = (ac[1] + ac[2] + ac[3] + ac[4] + ac[5]) / 5;
    return new RcaScore(ranks.length, ac[1], ac[3], ac[5], avg);
  }
}
