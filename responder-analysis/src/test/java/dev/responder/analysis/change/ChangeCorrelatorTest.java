package dev.responder.analysis.change;

import static dev.responder.core.testkit.TestTelemetry.at;
import static dev.responder.core.testkit.TestTelemetry.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeCorrelatorTest {
  private final ChangeCorrelator correlator = ChangeCorrelator.defaults();
  private final List<DependencyEdge> edges = List.of(DependencyEdge.call("front", "cart"),
      DependencyEdge.call("cart", "redis"), DependencyEdge.call("front", "ads"));

  @Test
  void rank_recentDeployOnAnomalousService_beatsOlderAndUnrelatedChanges() {
    List<ChangeEvent> changes = List.of(
        deploy(3000, "ads", "1", "2"),
        deploy(1000, "cart", "1", "2"),
        deploy(3300, "cart", "2", "3"));
    List<RankedChange> ranked = correlator.rank(changes, at(3600), Set.of(ServiceId.of("cart")), edges);
    assertThat(ranked).extracting(r -> r.change().ts()).containsExactly(at(3300), at(1000), at(3000));
    assertThat(ranked.getFirst().reasons()).anySatisfy(r -> assertThat(r).contains("cart is anomalous"));
  }

  @Test
  void rank_halvesClosenessEveryHalfLife() {
    List<RankedChange> ranked = correlator.rank(List.of(deploy(3600 - 900, "cart", "1", "2")), at(3600),
        Set.of(), edges);
    assertThat(ranked.getFirst().timeCloseness()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void rank_dropsChangesAfterTheGraceAndBeforeTheLookBack() {
    List<ChangeEvent> changes = List.of(deploy(3600 + 600, "cart", "1", "2"),
        deploy(3600 + 60, "cart", "2", "3"), deploy(-90_000, "cart", "0", "1"));
    assertThat(correlator.rank(changes, at(3600), Set.of(), edges)).singleElement()
        .satisfies(r -> assertThat(r.change().ts()).isEqualTo(at(3660)));
  }

  @Test
  void rank_neighbourOfAnomalousService_scoresBetweenAnomalousAndUnrelated() {
    List<ChangeEvent> changes = List.of(deploy(3000, "redis", "1", "2"), deploy(3000, "ads", "1", "2"));
    List<RankedChange> ranked = correlator.rank(changes, at(3600), Set.of(ServiceId.of("cart")), edges);
    assertThat(ranked).extracting(RankedChange::graphRelevance).containsExactly(0.5, 0.1);
  }

  @Test
  void settings_rejectNonPositiveHalfLife_naming_theValue() {
    assertThatThrownBy(() -> new ChangeCorrelator.Settings(Duration.ZERO, Duration.ofHours(1), Duration.ZERO, 0.5, 0.1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PT0S");
  }
}
