package dev.responder.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class TemplateMinerPropertiesTest {

  @Property(tries = 200)
  void everyLine_getsATemplate_thatMatchesItAsAPattern(@ForAll("lines") @Size(max = 40) List<String> lines) {
    TemplateMiner miner = TemplateMiner.create();
    for (String line : lines) {
      TemplateMiner.Match online = miner.add(line);
      assertThat(TemplateMinerTest.TemplatePatterns.matches(online.template(), line)).as(line).isTrue();
    }
    List<TemplateMiner.Match> matches = miner.finalAssignments();
    assertThat(matches).hasSize(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(TemplateMinerTest.TemplatePatterns.matches(matches.get(i).template(), lines.get(i)))
          .as(lines.get(i) + " vs " + matches.get(i).template()).isTrue();
    }
  }

  @Property(tries = 100)
  void sameLines_sameOrder_sameResult(@ForAll("lines") @Size(max = 40) List<String> lines) {
    TemplateMiner a = TemplateMiner.create();
    TemplateMiner b = TemplateMiner.create();
    lines.forEach(a::add);
    lines.forEach(b::add);
    assertThat(b.finalAssignments()).isEqualTo(a.finalAssignments());
  }

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> word = Arbitraries.of("open", "close", "user", "root", "10.0.0.1:80", "42", "ms", "x=1", "(a)",
        "()", "true", "/tmp/a", "blk_12", "Jun", "error", "...", ":", "<*>", "a.b.c", "ffffffffff", " ", "\t");
    Arbitrary<String> line = word.list().ofMaxSize(8).map(ws -> String.join(" ", ws));
    return line.list();
  }
}
