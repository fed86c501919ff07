package dev.responder.sim.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.core.error.ConfigException;
import dev.responder.sim.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemRegistryTest {
  private final ProblemRegistry registry = ProblemRegistry.standard();

  @Test
  void registry_hasSixtyPlusProblems_coveringEveryFaultAndTask_plusNoFaultOnes() {
    List<Problem> all = registry.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all.stream().filter(Problem::faulty).map(p -> p.faultType().name()).distinct())
        .containsExactlyInAnyOrderElementsOf(Faults.names());
    assertThat(all).extracting(Problem::task).contains(Task.values());
    assertThat(all).filteredOn(p -> !p.faulty()).extracting(Problem::id).contains("no_fault-shop-detection");
    assertThat(registry.get("cpu_saturation-catalog-detection").target().name()).isEqualTo("catalog");
  }

  @Test
  void get_unknownId_failsWithTheIdAndSimilarOnes() {
    assertThatThrownBy(() -> registry.get("cpu_saturation-nowhere-rca")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("cpu_saturation-nowhere-rca").hasMessageContaining("cpu_saturation-catalog-rca");
  }

  @Test
  void everyMitigationProblem_isMitigatedByItsFix_andNotWithoutIt() {
    for (Problem p : registry.all()) {
      if (p.task() != Task.MITIGATION) {
        continue;
      }
      ProblemInstance untouched = ProblemInstance.start(p, 17);
      untouched.run(null);
      ProblemInstance fixed = ProblemInstance.start(p, 17);
      fixed.run(null);
      Faults.fixes(fixed.fault().orElseThrow(), fixed.simulation()).forEach(fixed.simulation()::execute);
      fixed.simulation().advance(java.time.Duration.ofMinutes(15));
      untouched.simulation().advance(java.time.Duration.ofMinutes(15));
      assertThat(fixed.mitigated()).as(p.id() + " fixed: " + fixed.simulation().health()).isTrue();
      assertThat(untouched.mitigated()).as(p.id() + " untouched").isFalse();
    }
  }

  @Test
  void noFaultProblems_stayWithinSlo_despiteTheirRedHerrings() {
    for (Problem p : registry.all()) {
      if (p.faulty()) {
        continue;
      }
      for (long seed = 1; seed <= 4; seed++) {
        ProblemInstance i = ProblemInstance.start(p, seed);
        i.run(null);
        assertThat(i.simulation().healthyFor()).as(p.id() + " seed " + seed).isGreaterThanOrEqualTo(ProblemInstance.WARMUP);
        assertThat(i.oracle().faultPresent()).isFalse();
      }
    }
  }

  @Test
  void instance_variesInjectionTimeAndIntensityWithTheSeed() {
    Problem p = registry.get("bad_deploy-checkout-rca");
    ProblemInstance a = ProblemInstance.start(p, 1);
    ProblemInstance b = ProblemInstance.start(p, 2);
    assertThat(a.injectAt()).isNotEqualTo(b.injectAt());
    assertThat(a.fault().orElseThrow().intensity()).isNotEqualTo(b.fault().orElseThrow().intensity());
    assertThat(a.oracle().rcaCorrect(p.target(), p.faultType())).isTrue();
    assertThat(a.oracle().start()).isEqualTo(a.injectAt());
  }

  @Test
  void export_writesTheFourFilesOfTheCaseBundle(@TempDir Path dir) throws Exception {
    ProblemInstance i = ProblemInstance.start(registry.get("deadlock-cart-rca"), 5,
        dev.responder.sim.SimSettings.defaults().withLogVolume(0.02));
    CaseBundleWriter.export(i, dir);
    List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("ts,service,metric,value");
    assertThat(metrics.get(1)).matches("\\d{13},[a-z-]+,[a-z0-9_]+,[-0-9.E]+");
    ObjectMapper json = new ObjectMapper();
    JsonNode label = json.readTree(dir.resolve("case.json").toFile());
    assertThat(label.get("root_cause_service").asText()).isEqualTo("cart");
    assertThat(label.get("fault_type").asText()).isEqualTo("deadlock");
    assertThat(label.get("inject_time").asLong()).isEqualTo(i.injectAt().toEpochMilli());
    assertThat(label.get("edges")).anySatisfy(e -> assertThat(e.toString()).isEqualTo("[\"checkout\",\"cart\"]"));
    JsonNode span = json.readTree(Files.readAllLines(dir.resolve("spans.jsonl")).get(0));
    assertThat(span.fieldNames()).toIterable().containsExactly("trace_id", "span_id", "parent_span_id", "service",
        "operation", "start_ms", "duration_ms", "error");
    JsonNode log = json.readTree(Files.readAllLines(dir.resolve("logs.jsonl")).get(0));
    assertThat(log.fieldNames()).toIterable().containsExactly("ts", "service", "level", "message", "trace_id");
  }
}
