package dev.responder.analysis.logs;

import dev.responder.core.error.ConfigException;
import java.util.List;

/**
 * Online log template mining: feed log message bodies one at a time, get back the template (constant text
 * with {@code <*>} for parameters) each line belongs to.
 *
 * <p>Usage:
 * <pre>{@code
 * TemplateMiner miner = TemplateMiner.create(TemplateMiner.Settings.defaults());
 * Match m = miner.add("Connection from 10.0.0.7 closed after 35ms");   // m.template(): "Connection from <*> closed after <*>"
 * List<Match> finalGroups = miner.finalAssignments();                   // one entry per added line, in order
 * }</pre>
 *
 * <p>Contract: deterministic (the same lines in the same order give the same ids and templates); template ids
 * are small non-negative integers assigned in order of first appearance. The template returned by {@link #add}
 * is the best one as of that line: it may later become more general, two templates may merge (the smaller id
 * survives), and when {@link #templates()} or {@link #finalAssignments()} is called a template whose varying
 * column holds only a few distinct values is split into one template per value (new ids). Lines added later
 * with an already seen shape get the refined templates. {@link #finalAssignments()} reports every line
 * against the final templates.
 * Instances are not thread-safe. Memory: the templates plus 4 bytes per added line (for the final
 * assignments) plus one cache entry per distinct masked line shape.
 */
public interface TemplateMiner {

  /** Creates the default miner (a Drain-style fixed-depth tree with generic masking and template merging). */
  static TemplateMiner create(Settings settings) {
    return new DrainMiner(settings);
  }

  /** Creates a miner with {@link Settings#defaults()}. */
  static TemplateMiner create() {
    return create(Settings.defaults());
  }

  /**
   * Adds one line (the message body, without timestamp/level header) and returns its template as of now.
   * Cost: O(length of the line) when the masked shape of the line was seen before; otherwise O(length times
   * the templates of the same length and prefix), bounded by {@link Settings#maxTemplatesPerLeaf()}.
   */
  Match add(String content);

  /** The current templates, ordered by id; merged-away templates are not listed. */
  List<Template> templates();

  /** For every line added so far, in order, its final template (after all generalisations and merges). */
  List<Match> finalAssignments();

  /** The template a line belongs to. */
  record Match(int templateId, String template) {
    public Match {
      if (templateId < 0) {
        throw new IllegalArgumentException("templateId must be >= 0 but was " + templateId);
      }
      if (template == null) {
        throw new IllegalArgumentException("template must not be null (templateId " + templateId + ")");
      }
    }
  }

  /** A template with the number of lines it covers. */
  record Template(int id, String text, long count) {
    public Template {
      if (id < 0 || count < 0) {
        throw new IllegalArgumentException("id and count must be >= 0 but were " + id + ", " + count);
      }
    }
  }

  /**
   * Tuning, validated at construction.
   *
   * @param depth tree depth as in Drain: {@code depth - 2} leading tokens route a line to its leaf (>= 3)
   * @param similarity minimum share of equal constant positions for a line to join a template (0..1]
   * @param maxChildren children per tree node before further distinct tokens share one wildcard child
   * @param maxTemplatesPerLeaf templates compared per leaf; bounds the cost of a line whose shape is new
   * @param maxConstantVariants a template column with at most this many distinct values (over distinct line
   *     shapes) is read as a set of constants, so the template is split per value when assignments are read
   */
  record Settings(int depth, double similarity, int maxChildren, int maxTemplatesPerLeaf, int maxConstantVariants) {
    public Settings {
      if (depth < 3) {
        throw new ConfigException("depth must be >= 3 but was " + depth);
      }
      if (!(similarity > 0 && similarity <= 1)) {
        throw new ConfigException("similarity must be in (0, 1] but was " + similarity);
      }
      if (maxChildren < 1) {
        throw new ConfigException("maxChildren must be >= 1 but was " + maxChildren);
      }
      if (maxTemplatesPerLeaf < 1) {
        throw new ConfigException("maxTemplatesPerLeaf must be >= 1 but was " + maxTemplatesPerLeaf);
      }
      if (maxConstantVariants < 1) {
        throw new ConfigException("maxConstantVariants must be >= 1 but was " + maxConstantVariants);
      }
    }

    /** The one configuration used for every system of the Loghub evaluation (docs/eval-loghub.md). */
    public static Settings defaults() {
      return new Settings(4, 0.5, 100, 1000, 3);
    }
  }
}
