package dev.responder.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.action.ActionResult;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** For every fault: its signature shows in the telemetry, its listed fix restores the SLOs, a wrong action does not. */
class FaultScenarioTest {

  static Stream<Arguments> faults() {
    return Stream.of(
        signature("cpu_saturation", "catalog", (r, t) -> maxMetric(r, t, "cpu_util") > 0.95),
        signature("memory_leak", "cart", (r, t) -> r.logs.stream().anyMatch(l -> l.service().equals(t)
            && "OOMKilled".equals(l.attributes().get("k8s.event.reason")))
            && r.changes.stream().anyMatch(c -> c instanceof ChangeEvent.Restart x && x.reason().equals("OOMKilled"))),
        signature("bad_deploy", "checkout", (r, t) -> hasChange(r, t, ChangeEvent.Deploy.class) && logs(r, t, "NullPointerException")),
        signature("config_error", "api-gateway", (r, t) -> hasChange(r, t, ChangeEvent.ConfigChange.class)
            && (logs(r, t, "Connection refused") || logs(r, t, "UnknownHostException") || logs(r, t, "SocketTimeoutException"))),
        signature("connection_pool_exhaustion", "catalog", (r, t) -> logs(r, t, "Connection is not available")
            && maxMetric(r, t, "connpool_util") > 0.99),
        signature("slow_query", "postgres", (r, t) -> hasChange(r, t, ChangeEvent.Deploy.class) && logs(r, t, "duration:")
            && maxMetric(r, t, "latency_p95_ms") > 500),
        signature("cache_outage", "redis", (r, t) -> logs(r, ServiceId.of("catalog"), "JedisConnectionException")
            && maxMetric(r, ServiceId.of("postgres"), "cpu_util") > 0.9),
        signature("network_latency", "frontend", (r, t) -> logs(r, t, "Slow call to api-gateway")),
        signature("packet_loss", "api-gateway", (r, t) -> logs(r, t, "Read timed out")),
        signature("dns_failure", "checkout", (r, t) -> logs(r, t, "Temporary failure in name resolution")),
        signature("disk_full", "catalog", (r, t) -> logs(r, t, "No space left on device") && maxMetric(r, t, "disk_used_ratio") > 0.97),
        signature("certificate_expiry", "payment", (r, t) -> logs(r, ServiceId.of("checkout"), "SSLHandshakeException")),
        signature("dependency_outage", "payment-provider", (r, t) -> logs(r, ServiceId.of("payment"), "HTTP 503")),
        signature("retry_storm", "api-gateway", (r, t) -> hasChange(r, t, ChangeEvent.ConfigChange.class)
            && logs(r, t, "Retrying call to catalog")),
        signature("deadlock", "cart", (r, t) -> maxMetric(r, t, "threadpool_util") > 0.99 && r.logs.stream()
            .anyMatch(l -> l.service().equals(t) && "Unhealthy".equals(l.attributes().get("k8s.event.reason")))),
        signature("noisy_neighbour", "search", (r, t) -> logs(r, t, "High CPU steal")),
        signature("queue_lag", "email", (r, t) -> maxMetric(r, t, "consumer_lag") > 500),
        signature("clock_skew", "auth", (r, t) -> logs(r, t, "ExpiredJwtException")),
        signature("feature_flag_bug", "recommendation", (r, t) -> hasChange(r, t, ChangeEvent.FlagChange.class)
            && logs(r, t, "Unsupported rule")),
        signature("traffic_surge", "catalog", (r, t) -> maxMetric(r, t, "rps") > 100),
        signature("credential_stuffing", "auth", (r, t) -> logs(r, t, "Failed login for")),
        signature("crypto_miner", "frontend", (r, t) -> logs(r, t, "supportxmr") && maxMetric(r, t, "cpu_util") > 0.95));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("faults")
  void fault_showsItsSignature_isFixedByItsFix_andNotByAWrongAction(String type, String target,
                                                                   BiPredicate<Recorder, ServiceId> signature) {
    for (long seed : new long[] {3, 11}) {
      Simulation sim = Simulation.create(AppModel.shop(), SimSettings.defaults().withStart(Instant.parse("2026-11-01T12:00:00Z"))
          .withLogVolume(0.1), seed);
      sim.advance(Duration.ofMinutes(10));
      assertThat(sim.withinSlo()).as("healthy before the fault").isTrue();
      Fault fault = Faults.create(type, sim.app(), ServiceId.of(target), sim.now(), seed == 3 ? 0.0 : 1.0);
      sim.inject(fault);
      Recorder r = new Recorder();
      boolean broken = false;
      for (int i = 0; i < 20; i++) {
        sim.advance(Duration.ofSeconds(30), r);
        broken |= !sim.withinSlo();
      }
      assertThat(broken).as("SLO broken by " + type).isTrue();
      assertThat(signature.test(r, ServiceId.of(target))).as("signature of " + type).isTrue();

      Simulation wrong = sim.fork();
      Faults.wrongActions(fault, wrong).forEach(wrong::execute);
      wrong.advance(Duration.ofMinutes(15));
      assertThat(wrong.mitigated(Duration.ofMinutes(5))).as("wrong action mitigates " + type).isFalse();

      List<ActionResult> results = Faults.fixes(fault, sim).stream().map(sim::execute).toList();
      assertThat(results).allMatch(ActionResult::succeeded);
      sim.advance(Duration.ofMinutes(15));
      assertThat(sim.mitigated(Duration.ofMinutes(5))).as("fix mitigates " + type + ": " + sim.health()).isTrue();
    }
  }

  private static Arguments signature(String type, String target, BiPredicate<Recorder, ServiceId> check) {
    return Arguments.of(type, target, check);
  }

  private static boolean logs(Recorder r, ServiceId service, String text) {
    return r.logs.stream().anyMatch(l -> l.service().equals(service) && l.body().contains(text));
  }

  private static boolean hasChange(Recorder r, ServiceId service, Class<? extends ChangeEvent> kind) {
    return r.changes.stream().anyMatch(c -> kind.isInstance(c) && c.service().equals(service));
  }

  private static double maxMetric(Recorder r, ServiceId service, String name) {
    return r.metrics.stream().filter(m -> m.service().equals(service) && m.name().equals(name))
        .mapToDouble(MetricPoint::value).max().orElse(0);
  }
}
