package dev.responder.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PriceTableTest {
  @Test
  void cost_usesTheLongestPrefix_forDatedModelNames() {
    PriceTable table = PriceTable.defaults();

    assertThat(table.cost("gpt-4o-mini-2024-07-18", 1_000_000, 1_000_000).usd()).isCloseTo(0.75, within(1e-9));
    assertThat(table.cost("claude-sonnet-4-5-20250929", 2_000, 1_000).usd()).isCloseTo(0.021, within(1e-9));
  }

  @Test
  void cost_ofAnUnknownModel_isZeroAndFlagged() {
    assertThat(PriceTable.defaults().cost("llama3.1:8b", 10_000, 10_000)).isEqualTo(new PriceTable.Cost(0, false));
  }

  @Test
  void with_overridesADefaultPrice() {
    assertThat(PriceTable.defaults().with("gpt-4o", 1, 1).cost("gpt-4o", 1_000_000, 0).usd()).isEqualTo(1.0);
  }

  @Test
  void retryBackoff_doublesUpToTheMaximum() {
    RetryPolicy p = new RetryPolicy(6, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5), d -> { });

    assertThat(java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(p::backoff).map(java.time.Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 5L, 5L);
  }
}
