package dev.responder.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Wall time until {@link #anchor}ed, then the anchor plus the wall time elapsed since: so that a run that starts
 * at a simulation's "now" keeps one timeline with the simulated telemetry while real time passes (waiting for a
 * person's approval takes real minutes).
 */
final class AnchoredClock implements InstantSource {
  private final InstantSource wall;
  private volatile Duration offset = Duration.ZERO;

  AnchoredClock(InstantSource wall) {
    this.wall = Objects.requireNonNull(wall, "wall");
  }

  /** From now on, the clock reads {@code at} plus the wall time elapsed from this call. */
  void anchor(Instant at) {
    offset = Duration.between(wall.instant(), at);
  }

  @Override
  public Instant instant() {
    return wall.instant().plus(offset);
  }
}
