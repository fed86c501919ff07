package dev.responder.analysis.trace;

import static dev.responder.core.testkit.TestTelemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.SpanStatus;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TraceAnalyzerTest {
  private final TraceAnalyzer analyzer = TraceAnalyzer.create();

  private static Span at(String trace, String id, String parent, String service, long startMs, long durationMs,
                         boolean error) {
    return new Span(trace, id, parent, ServiceId.of(service), "op", Instant.EPOCH.plusMillis(startMs),
        Duration.ofMillis(durationMs), error ? SpanStatus.ERROR : SpanStatus.OK, Map.of());
  }

  private static Map<String, Double> selfMs(List<ServiceTime> times) {
    Map<String, Double> out = new java.util.TreeMap<>();
    times.forEach(t -> out.put(t.service().name(), t.selfMs()));
    return out;
  }

  @Test
  void criticalPath_sequentialCalls_attributeEachChildItsOwnTime() {
    List<Span> trace = List.of(
        at("t1", "a", "", "front", 0, 100, false),
        at("t1", "b", "a", "cart", 10, 30, false),
        at("t1", "c", "a", "db", 50, 40, false));
    assertThat(selfMs(analyzer.criticalPath(trace)))
        .containsEntry("front", 30.0).containsEntry("cart", 30.0).containsEntry("db", 40.0);
  }

  @Test
  void criticalPath_parallelCalls_onlyTheLastToFinishIsCritical() {
    List<Span> trace = List.of(
        at("t1", "a", "", "front", 0, 100, false),
        at("t1", "b", "a", "fast", 10, 20, false),
        at("t1", "c", "a", "slow", 10, 80, false));
    Map<String, Double> self = selfMs(analyzer.criticalPath(trace));
    assertThat(self).containsEntry("slow", 80.0).containsEntry("front", 20.0);
    assertThat(self).doesNotContainKey("fast");
  }

  @Property(tries = 200)
  void criticalPath_selfTimesSumToRootDuration(@ForAll @IntRange(min = 1, max = 12) int spans,
                                               @ForAll @IntRange(min = 0, max = 10_000) int seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    List<Span> trace = new ArrayList<>();
    trace.add(at("t", "s0", "", "svc0", 0, 1000, false));
    for (int i = 1; i < spans; i++) {
      int parent = random.nextInt(i);
      Span p = trace.get(parent);
      long pStart = p.start().toEpochMilli();
      long pLen = p.duration().toMillis();
      long start = pStart + random.nextLong(pLen + 1);
      long len = random.nextLong(pStart + pLen - start + 1);
      trace.add(at("t", "s" + i, "s" + parent, "svc" + random.nextInt(4), start, len, false));
    }
    double total = analyzer.criticalPath(trace).stream().mapToDouble(ServiceTime::selfMs).sum();
    assertThat(total).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void errorOrigins_blameTheDeepestFailingSpan_notItsCallers() {
    List<Span> trace = List.of(
        span("t1", "a", "", "front", "GET /", 0, 100, true),
        span("t1", "b", "a", "checkout", "pay", 0, 80, true),
        span("t1", "c", "b", "payment", "charge", 0, 50, true),
        span("t1", "d", "a", "cart", "get", 0, 10, false));
    assertThat(analyzer.errorOrigins(trace))
        .extracting(o -> o.service().name(), ErrorOrigin::origins, ErrorOrigin::errors)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("checkout", 0L, 1L),
            org.assertj.core.groups.Tuple.tuple("front", 0L, 1L),
            org.assertj.core.groups.Tuple.tuple("payment", 1L, 1L));
  }

  @Test
  void edgeStatistics_matchAStraightforwardCount() {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      spans.add(at("t" + i, "a", "", "front", 0, 100, false));
      spans.add(at("t" + i, "b", "a", "db", 5, i + 1, i % 5 == 0));
    }
    EdgeStatistics e = analyzer.edgeStatistics(spans).getFirst();
    assertThat(e.edge()).isEqualTo(new CallEdge(ServiceId.of("front"), ServiceId.of("db")));
    assertThat(e.calls()).isEqualTo(20);
    assertThat(e.errors()).isEqualTo(4);
    assertThat(e.meanMs()).isEqualTo(10.5);
    assertThat(e.p95Ms()).isEqualTo(19.0);
    assertThat(e.meanGapMs()).isEqualTo(100 - 10.5);
    assertThat(analyzer.inferEdges(spans)).singleElement()
        .satisfies(d -> assertThat(d.callee()).isEqualTo(ServiceId.of("db")));
  }

  @Test
  void compare_showsSelfTimeGrowthAtTheSlowService_notAtItsCaller() {
    List<Span> base = new ArrayList<>();
    List<Span> win = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      base.add(at("b" + i, "a", "", "front", 0, 30, false));
      base.add(at("b" + i, "b", "a", "db", 5, 20, false));
      win.add(at("w" + i, "a", "", "front", 0, 210, false));
      win.add(at("w" + i, "b", "a", "db", 5, 200, false));
    }
    TraceComparison cmp = analyzer.compare(base, win);
    assertThat(cmp.services()).filteredOn(d -> d.service().name().equals("db")).singleElement()
        .satisfies(d -> assertThat(d.selfMsDelta()).isEqualTo(180.0));
    assertThat(cmp.services()).filteredOn(d -> d.service().name().equals("front")).singleElement()
        .satisfies(d -> assertThat(d.selfMsDelta()).isEqualTo(0.0));
    assertThat(cmp.edges()).singleElement().satisfies(e -> assertThat(e.meanMsDelta()).isEqualTo(180.0));
  }
}
