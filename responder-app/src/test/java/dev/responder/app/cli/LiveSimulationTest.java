package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.app.remediate.ManagedEnvironment;
import dev.responder.core.port.Environment;
import dev.responder.core.testkit.MutableClock;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveSimulationTest {
  private static final Instant SIM_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant WALL_START = Instant.parse("2026-03-01T12:00:00Z");

  private MutableClock wall;
  private AnchoredClock clock;
  private FakeEnvironment sim;
  private LiveSimulation live;

  @BeforeEach
  void start() {
    wall = new MutableClock(WALL_START);
    clock = new AnchoredClock(wall);
    sim = new FakeEnvironment(SIM_START);
    clock.anchor(sim.now());
    live = new LiveSimulation(sim, clock);
  }

  @Test
  void anchoredClock_readsWallTimeUntilAnchored_thenTheAnchorPlusElapsedWallTime() {
    AnchoredClock fresh = new AnchoredClock(wall);
    assertThat(fresh.instant()).isEqualTo(WALL_START);

    fresh.anchor(SIM_START);
    wall.advance(Duration.ofSeconds(42));

    assertThat(fresh.instant()).isEqualTo(SIM_START.plusSeconds(42));
  }

  @Test
  void now_catchesUpWithTheWallClock_inWholeTenSecondSteps() {
    wall.advance(Duration.ofSeconds(25));

    Instant now = live.now();

    assertThat(sim.awaited).containsExactly(Duration.ofSeconds(20));
    assertThat(now).isEqualTo(SIM_START.plusSeconds(20));
  }

  @Test
  void catchUp_carriesTheRemainder_toTheNextStep() {
    wall.advance(Duration.ofSeconds(25));
    live.now();

    live.now();
    assertThat(sim.awaited).containsExactly(Duration.ofSeconds(20));

    wall.advance(Duration.ofSeconds(5));
    assertThat(live.now()).isEqualTo(SIM_START.plusSeconds(30));
    assertThat(sim.awaited).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(10));
  }

  @Test
  void lessThanOneStepBehind_awaitsNothing() {
    wall.advance(Duration.ofSeconds(9));

    assertThat(live.now()).isEqualTo(SIM_START);
    assertThat(live.breaching()).isEmpty();
    assertThat(live.healthyFor()).isEqualTo(Duration.ofMinutes(3));
    assertThat(sim.awaited).isEmpty();
  }

  @Test
  void readers_catchUpBeforeReading() {
    wall.advance(Duration.ofSeconds(30));
    assertThat(live.breaching()).containsExactly(ServiceId.of("checkout"));
    assertThat(sim.breachingReadAt).isEqualTo(SIM_START.plusSeconds(30));

    wall.advance(Duration.ofSeconds(10));
    live.healthyFor();
    assertThat(sim.healthyForReadAt).isEqualTo(SIM_START.plusSeconds(40));

    wall.advance(Duration.ofSeconds(10));
    live.environment();
    assertThat(sim.awaited).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void await_fastForwardsTheSimulation_andReanchorsTheClockToItsNewNow() {
    live.await(Duration.ofMinutes(5));

    assertThat(sim.awaited).containsExactly(Duration.ofMinutes(5));
    assertThat(sim.now()).isEqualTo(SIM_START.plusSeconds(300));
    assertThat(clock.instant()).isEqualTo(SIM_START.plusSeconds(300));

    wall.advance(Duration.ofSeconds(10));
    assertThat(clock.instant()).isEqualTo(SIM_START.plusSeconds(310));
    assertThat(live.now()).isEqualTo(SIM_START.plusSeconds(310));
  }

  @Test
  void await_firstCatchesUp_thenWaits_andTheClockFollowsBoth() {
    wall.advance(Duration.ofSeconds(25));

    live.await(Duration.ofMinutes(5));

    assertThat(sim.awaited).containsExactly(Duration.ofSeconds(20), Duration.ofMinutes(5));
    assertThat(clock.instant()).isEqualTo(SIM_START.plusSeconds(320));
    assertThat(live.now()).isEqualTo(SIM_START.plusSeconds(320));
    assertThat(sim.awaited).hasSize(2);
  }

  @Test
  void fork_isCaughtUpWhenTaken_butDoesNotFollowTheClockAfterwards() {
    wall.advance(Duration.ofSeconds(25));

    ManagedEnvironment fork = live.fork();
    assertThat(fork.now()).isEqualTo(SIM_START.plusSeconds(20));
    wall.advance(Duration.ofMinutes(10));

    assertThat(fork.now()).isEqualTo(SIM_START.plusSeconds(20));
    assertThat(fork.breaching()).containsExactly(ServiceId.of("checkout"));
    assertThat(((FakeEnvironment) fork).awaited).isEmpty();
    assertThat(sim.awaited).containsExactly(Duration.ofSeconds(20));
  }

  /** A simulation stand-in with its own time that records every wait. */
  private static final class FakeEnvironment implements ManagedEnvironment {
    final List<Duration> awaited = new ArrayList<>();
    Instant now;
    Instant breachingReadAt;
    Instant healthyForReadAt;

    FakeEnvironment(Instant now) {
      this.now = now;
    }

    @Override
    public Environment environment() {
      return null;
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public void await(Duration duration) {
      awaited.add(duration);
      now = now.plus(duration);
    }

    @Override
    public Set<ServiceId> breaching() {
      breachingReadAt = now;
      return now.isBefore(SIM_START.plusSeconds(1)) ? Set.of() : Set.of(ServiceId.of("checkout"));
    }

    @Override
    public Duration healthyFor() {
      healthyForReadAt = now;
      return now.equals(SIM_START) ? Duration.ofMinutes(3) : Duration.ZERO;
    }

    @Override
    public ManagedEnvironment fork() {
      return new FakeEnvironment(now);
    }
  }
}
