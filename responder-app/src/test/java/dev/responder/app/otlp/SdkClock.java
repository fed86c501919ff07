package dev.responder.app.otlp;

import dev.responder.core.testkit.MutableClock;
import io.opentelemetry.sdk.common.Clock;

/** The OpenTelemetry SDK's clock driven by a {@link MutableClock}, so exported timestamps are known exactly. */
final class SdkClock implements Clock {
  private final MutableClock clock;

  SdkClock(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public long now() {
    return TimeRules.nanos(clock.instant());
  }

  @Override
  public long nanoTime() {
    return now();
  }
}
