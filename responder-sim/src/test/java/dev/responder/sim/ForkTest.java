package dev.responder.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.action.ActionKind;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ForkTest {
  private static Simulation started() {
    Simulation sim = Simulation.create(AppModel.shop(), SimSettings.defaults().withStart(Instant.parse("2026-11-01T13:00:00Z")), 9);
    sim.advance(Duration.ofMinutes(10));
    return sim;
  }

  @Test
  void fork_actingOnTheCopy_leavesTheOriginalUntouched() {
    Simulation origin = started();
    Fault f = Faults.create("bad_deploy", origin.app(), ServiceId.of("checkout"), origin.now(), 0.5);
    origin.inject(f);
    origin.advance(Duration.ofMinutes(5));
    Simulation copy = origin.fork();
    Faults.fixes(f, copy).forEach(copy::execute);
    copy.execute(SimActions.of(ActionKind.SCALE, ServiceId.of("frontend"), "replicas", "9"));
    copy.advance(Duration.ofMinutes(15));

    assertThat(copy.mitigated(Duration.ofMinutes(5))).isTrue();
    assertThat(origin.now()).isEqualTo(copy.now().minus(Duration.ofMinutes(15)));
    origin.advance(Duration.ofMinutes(15));
    assertThat(origin.residualFault()).isTrue();
    assertThat(origin.withinSlo()).isFalse();
  }

  @Test
  void fork_withoutActions_continuesExactlyAsTheOriginal() {
    Simulation origin = started();
    Simulation copy = origin.fork();
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    origin.advance(Duration.ofMinutes(10), a);
    copy.advance(Duration.ofMinutes(10), b);
    assertThat(b.sha256()).isEqualTo(a.sha256());
  }

  @Test
  void fork_injectingIntoTheOriginal_doesNotReachTheCopy() {
    Simulation origin = started();
    Simulation copy = origin.fork();
    origin.inject(Faults.create("deadlock", origin.app(), ServiceId.of("cart"), origin.now(), 1));
    origin.advance(Duration.ofMinutes(5));
    copy.advance(Duration.ofMinutes(5));
    assertThat(copy.faults()).isEmpty();
    assertThat(copy.withinSlo()).isTrue();
    assertThat(origin.withinSlo()).isFalse();
  }
}
