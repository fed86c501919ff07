package dev.responder.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.action.ActionKind;
import dev.responder.core.error.ConfigException;
import dev.responder.core.port.DiagnosticCheck;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelActionsDiagnosticsTest {
  private static Simulation sim() {
    Simulation s = Simulation.create(AppModel.shop(), SimSettings.defaults().withStart(Instant.parse("2026-11-01T12:00:00Z")), 4);
    s.advance(Duration.ofMinutes(5));
    return s;
  }

  @Test
  void shop_hasTwelveServicesStatefulDependenciesAndAThirdParty() {
    AppModel shop = AppModel.shop();
    assertThat(shop.services()).filteredOn(s -> s.kind() == ServiceSpec.Kind.SERVICE).hasSizeGreaterThanOrEqualTo(12);
    assertThat(shop.services()).extracting(ServiceSpec::kind).contains(ServiceSpec.Kind.DATABASE, ServiceSpec.Kind.CACHE,
        ServiceSpec.Kind.QUEUE, ServiceSpec.Kind.EXTERNAL);
    assertThat(shop.topology().callees(ServiceId.of("checkout"))).contains(ServiceId.of("payment"), ServiceId.of("kafka"));
  }

  @Test
  void randomTopology_ofTwoHundredServices_runsWithinSlo() {
    AppModel app = AppModel.random(200, 7);
    assertThat(app.services()).hasSize(200);
    assertThat(AppModel.random(200, 7)).isEqualTo(app);
    Simulation s = Simulation.create(app, SimSettings.defaults().withStart(Instant.parse("2026-11-01T12:00:00Z")), 1);
    s.advance(Duration.ofMinutes(10));
    assertThat(s.health()).hasSize(200);
  }

  @Test
  void yaml_withAnUnknownService_failsNamingIt() {
    String yaml = """
        name: tiny
        services: [{name: a}]
        endpoints: [{name: GET /, call: {service: a, calls: [{service: ghost}]}}]
        """;
    assertThatThrownBy(() -> AppModel.parse(yaml, "tiny.yaml")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("ghost").hasMessageContaining("tiny.yaml");
  }

  @Test
  void faults_unknownName_listsTheKnownOnes() {
    assertThatThrownBy(() -> Faults.definition("gremlins")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("gremlins").hasMessageContaining("memory_leak");
    assertThat(Faults.all()).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void faults_onATargetTheyDoNotFit_areRejected() {
    assertThatThrownBy(() -> Faults.create("slow_query", AppModel.shop(), ServiceId.of("cart"), Instant.EPOCH, 0.5))
        .isInstanceOf(ConfigException.class).hasMessageContaining("postgres");
  }

  @Test
  void actions_withBadParameters_failAsDataWithAMessage() {
    Simulation s = sim();
    var noReplicas = s.execute(SimActions.of(ActionKind.SCALE, ServiceId.of("cart")));
    assertThat(noReplicas.succeeded()).isFalse();
    assertThat(noReplicas.message()).contains("replicas");
    var noHistory = s.execute(SimActions.of(ActionKind.ROLLBACK, ServiceId.of("cart")));
    assertThat(noHistory.succeeded()).isFalse();
    assertThat(noHistory.message()).contains("no earlier version");
  }

  @Test
  void flushingAHealthyCache_makesThingsWorse() {
    Simulation s = sim();
    double before = s.health().stream().filter(h -> h.service().name().equals("postgres")).findFirst().orElseThrow().rps();
    assertThat(s.execute(SimActions.of(ActionKind.FLUSH_CACHE, ServiceId.of("redis"))).succeeded()).isTrue();
    s.advance(Duration.ofSeconds(10));
    double after = s.health().stream().filter(h -> h.service().name().equals("postgres")).findFirst().orElseThrow().rps();
    assertThat(after).isGreaterThan(3 * before);
  }

  @Test
  void diagnostics_reflectTheSimulatedState() {
    Simulation s = sim();
    var healthy = s.diagnose(new DiagnosticCheck(DiagnosticCheck.Kind.THREAD_DUMP, ServiceId.of("cart"), Map.of()));
    assertThat(healthy.healthy()).isTrue();
    s.inject(Faults.create("deadlock", s.app(), ServiceId.of("cart"), s.now(), 1));
    s.inject(Faults.create("crypto_miner", s.app(), ServiceId.of("frontend"), s.now(), 1));
    s.inject(Faults.create("certificate_expiry", s.app(), ServiceId.of("payment"), s.now(), 1));
    s.advance(Duration.ofMinutes(2));
    var dump = s.diagnose(new DiagnosticCheck(DiagnosticCheck.Kind.THREAD_DUMP, ServiceId.of("cart"), Map.of()));
    assertThat(dump.healthy()).isFalse();
    assertThat(dump.output()).contains("Found one Java-level deadlock");
    var ps = s.diagnose(new DiagnosticCheck(DiagnosticCheck.Kind.PROCESS_LIST, ServiceId.of("frontend"), Map.of()));
    assertThat(ps.healthy()).isFalse();
    assertThat(ps.output()).contains("xmrig");
    var tls = s.diagnose(new DiagnosticCheck(DiagnosticCheck.Kind.TLS_CERTIFICATE, ServiceId.of("payment"), Map.of()));
    assertThat(tls.healthy()).isFalse();
    assertThat(tls.output()).contains("certificate has expired");
    var conn = s.diagnose(new DiagnosticCheck(DiagnosticCheck.Kind.CONNECTION_TEST, ServiceId.of("checkout"), Map.of("peer", "payment")));
    assertThat(conn.healthy()).isFalse();
    var disk = s.diagnose(new DiagnosticCheck(DiagnosticCheck.Kind.DISK_USAGE, ServiceId.of("cart"), Map.of()));
    assertThat(disk.healthy()).isTrue();
    var dns = s.diagnose(new DiagnosticCheck(DiagnosticCheck.Kind.DNS_LOOKUP, ServiceId.of("cart"), Map.of("name", "redis")));
    assertThat(dns.healthy()).isTrue();
  }
}
