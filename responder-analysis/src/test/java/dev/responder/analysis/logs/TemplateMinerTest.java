package dev.responder.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {

  @Test
  void miner_groupsLinesDifferingOnlyInNumbers() {
    TemplateMiner miner = TemplateMiner.create();
    TemplateMiner.Match a = miner.add("PacketResponder 1 for block blk_3886504906 terminating");
    TemplateMiner.Match b = miner.add("PacketResponder 0 for block blk_-695229586 terminating");

    assertThat(b.templateId()).isEqualTo(a.templateId());
    assertThat(b.template()).isEqualTo("PacketResponder <*> for block <*> terminating");
  }

  @Test
  void miner_generalisesWordsThatVaryWidely() {
    TemplateMiner miner = TemplateMiner.create();
    for (String user : List.of("webmaster", "test", "admin", "oracle", "guest", "nagios")) {
      miner.add("Invalid user " + user + " from 10.0.0.1");
    }

    assertThat(miner.templates()).extracting(TemplateMiner.Template::text)
        .containsExactly("Invalid user <*> from <*>");
    assertThat(miner.finalAssignments()).extracting(TemplateMiner.Match::templateId).containsOnly(0);
  }

  @Test
  void miner_splitsColumnsWithFewConstantVariants() {
    TemplateMiner miner = TemplateMiner.create();
    for (int i = 0; i < 10; i++) {
      miner.add("Ending TrustedInstaller initialization.");
      miner.add("Ending TrustedInstaller finalization.");
    }

    assertThat(miner.templates()).extracting(TemplateMiner.Template::text)
        .containsExactly("Ending TrustedInstaller initialization.", "Ending TrustedInstaller finalization.");
    assertThat(miner.templates()).extracting(TemplateMiner.Template::count).containsExactly(10L, 10L);
  }

  @Test
  void miner_keepsLinesOfDifferentLengthsApart() {
    TemplateMiner miner = TemplateMiner.create();
    int a = miner.add("session opened for user 1").templateId();
    int b = miner.add("session opened for user 1 by 2").templateId();

    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void miner_treatsEmptyAndFilledBracketsAsOneTemplate() {
    TemplateMiner miner = TemplateMiner.create();
    for (int i = 0; i < 5; i++) {
      miner.add("connection from 10.0.0." + i + " () at 12:00");
      miner.add("connection from 10.0.1." + i + " (peer-" + i + ") at 12:00");
    }

    assertThat(miner.templates()).extracting(TemplateMiner.Template::text)
        .containsExactly("connection from <*> (<*>) at <*>");
  }

  @Test
  void miner_keepsUpperCaseStateNames_asConstants_beyondTheVariantLimit() {
    TemplateMiner miner = TemplateMiner.create();
    String[] states = {"NEW", "UNASSIGNED", "ASSIGNED", "RUNNING", "SUCCEEDED", "FAILED"};
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i + 1 < states.length; i++) {
        miner.add("attempt_" + round + i + " Transitioned from " + states[i] + " to " + states[i + 1]);
      }
    }

    assertThat(miner.templates()).hasSize(5).extracting(TemplateMiner.Template::text)
        .contains("<*> Transitioned from NEW to UNASSIGNED", "<*> Transitioned from RUNNING to SUCCEEDED");
  }

  @Test
  void miner_readsAFieldWhoseValueWasMasked_asAParameter() {
    TemplateMiner miner = TemplateMiner.create();
    miner.add("acquire lock=1, ws=null, uid=1000");
    miner.add("acquire lock=2, ws=WorkSource{10020}, uid=1000");
    miner.add("acquire lock=3, ws=null, uid=1001");

    assertThat(miner.templates()).hasSize(1);
  }

  @Test
  void miner_mergesTemplatesDifferingOnlyInDottedNames() {
    TemplateMiner miner = TemplateMiner.create();
    miner.add("getRecentTasks: topActivity=ComponentInfo{com.a.app/com.a.app.Main}");
    miner.add("getRecentTasks: topActivity=ComponentInfo{com.b.mail/com.b.mail.Inbox}");
    miner.add("mapred.job.id is deprecated. Instead, use mapreduce.job.id");
    miner.add("mapred.tip.id is deprecated. Instead, use mapreduce.task.id");

    assertThat(miner.templates()).extracting(TemplateMiner.Template::text).hasSize(3)
        .contains("getRecentTasks: <*>");
  }

  @Test
  void miner_isDeterministic() {
    List<String> lines = SyntheticLines.generate(new SplittableRandom(7), 3_000);
    TemplateMiner first = TemplateMiner.create();
    TemplateMiner second = TemplateMiner.create();
    List<TemplateMiner.Match> online1 = lines.stream().map(first::add).toList();
    List<TemplateMiner.Match> online2 = lines.stream().map(second::add).toList();

    assertThat(online2).isEqualTo(online1);
    assertThat(second.finalAssignments()).isEqualTo(first.finalAssignments());
    assertThat(second.templates()).isEqualTo(first.templates());
  }

  @Test
  void miner_matchesSlowReference_groupingByMaskedTokens() {
    // Templates with distinct lengths and words, variables that all carry digits: the right answer is the
    // brute-force grouping by masked token sequence.
    List<String> lines = SyntheticLines.generate(new SplittableRandom(11), 2_000);
    TemplateMiner miner = TemplateMiner.create();
    lines.forEach(miner::add);

    assertThat(partition(miner.finalAssignments().stream().map(TemplateMiner.Match::templateId).toList()))
        .isEqualTo(partition(referenceGrouping(lines)));
  }

  @Test
  void finalAssignments_haveOneEntryPerLine_andMatchTemplates() {
    List<String> lines = SyntheticLines.generate(new SplittableRandom(3), 500);
    TemplateMiner miner = TemplateMiner.create();
    lines.forEach(miner::add);
    List<TemplateMiner.Match> matches = miner.finalAssignments();

    assertThat(matches).hasSize(lines.size());
    Map<Integer, String> texts = new HashMap<>();
    miner.templates().forEach(t -> texts.put(t.id(), t.text()));
    for (int i = 0; i < lines.size(); i++) {
      assertThat(texts).containsEntry(matches.get(i).templateId(), matches.get(i).template());
      assertThat(TemplatePatterns.matches(matches.get(i).template(), lines.get(i))).as(lines.get(i)).isTrue();
    }
    assertThat(miner.templates().stream().mapToLong(TemplateMiner.Template::count).sum()).isEqualTo(lines.size());
  }

  @Test
  void settings_rejectBadValues_namingThem() {
    assertThatThrownBy(() -> new TemplateMiner.Settings(2, 0.5, 100, 1000, 3))
        .isInstanceOf(ConfigException.class).hasMessageContaining("depth must be >= 3 but was 2");
    assertThatThrownBy(() -> new TemplateMiner.Settings(4, 1.5, 100, 1000, 3))
        .isInstanceOf(ConfigException.class).hasMessageContaining("1.5");
  }

  /** The slow reference: group lines by their exact masked token sequence. */
  private static List<Integer> referenceGrouping(List<String> lines) {
    Map<String, Integer> ids = new HashMap<>();
    List<Integer> out = new ArrayList<>();
    for (String line : lines) {
      out.add(ids.computeIfAbsent(String.join(" ", Masker.maskedTokens(line)), k -> ids.size()));
    }
    return out;
  }

  /** The groups as sets of line indices, independent of the labels used. */
  private static Set<Set<Integer>> partition(List<Integer> labels) {
    Map<Integer, Set<Integer>> groups = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      groups.computeIfAbsent(labels.get(i), k -> new HashSet<>()).add(i);
    }
    return new HashSet<>(groups.values());
  }

  /** Templates read as patterns: {@code <*>} matches any text, whitespace runs match one space. */
  static final class TemplatePatterns {
    private TemplatePatterns() {
    }

    static boolean matches(String template, String line) {
      StringBuilder regex = new StringBuilder();
      String[] parts = template.split(Pattern.quote(Masker.WILDCARD), -1);
      for (int i = 0; i < parts.length; i++) {
        regex.append(Pattern.quote(parts[i]));
        if (i < parts.length - 1) {
          regex.append(".*?");
        }
      }
      return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(line.strip().replaceAll("\\s+", " ")).matches();
    }
  }
}
