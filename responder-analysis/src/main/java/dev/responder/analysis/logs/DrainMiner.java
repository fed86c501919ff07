package dev.responder.analysis.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online template miner: generic masking, an exact shape cache, a Drain fixed-depth parse tree and
 * template merging.
 *
 * <p>Design note. Drain (He, Zhu, Zheng, Lyu, "Drain: An Online Log Parsing Approach with Fixed Depth Tree",
 * ICWS 2017) routes a line by its token count and its first {@code depth - 2} tokens to a leaf, then joins the
 * most similar template in the leaf if the share of equal positions reaches a threshold, replacing differing
 * positions by {@code <*>}. We add three things:
 * <ol>
 *   <li>generic masking before the search ({@link Masker}), so routing never branches on a variable;</li>
 *   <li>an exact cache from the masked line ("shape") to its template: most lines of a production log repeat a
 *       known shape, so the common path costs one hash of the line, O(length);</li>
 *   <li>template merging: when a template generalises into the exact text of another one, the two become one
 *       (union-find over ids, the smaller id survives), in the spirit of Brain's merging of groups with the
 *       same longest common pattern (Yu, He, Chen, Chen, Lyu, "Brain: Log Parsing with Bidirectional Parallel
 *       Tree", IEEE TSC 2023).</li>
 * </ol>
 * Wildcards of the masked line that meet wildcards of the template count as equal positions, so a line made
 * mostly of masked variables still finds its template.
 */
final class DrainMiner implements TemplateMiner {
  private static final String WILD = Masker.WILDCARD;

  private final Settings settings;
  private final Map<Integer, Node> byLength = new HashMap<>();
  private final List<Cluster> clusters = new ArrayList<>();
  private final Map<String, Integer> shapeIndex = new HashMap<>();
  private final List<String[]> shapes = new ArrayList<>();
  private int[] shapeCluster = new int[64];
  private boolean refined = true;
  private final Map<String, Integer> byText = new HashMap<>();
  private int[] parent = new int[64];
  private int[] lines = new int[1024];
  private int lineCount;

  DrainMiner(Settings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    this.settings = settings;
  }

  @Override
  public Match add(String content) {
    if (content == null) {
      throw new IllegalArgumentException("content must not be null (line " + lineCount + ")");
    }
    String[] tokens = Masker.maskedTokens(content);
    String shape = String.join(" ", tokens);
    Integer known = shapeIndex.get(shape);
    int shapeId;
    int id;
    if (known != null) {
      shapeId = known;
      id = find(shapeCluster[shapeId]);
    } else {
      id = place(tokens);
      shapeId = shapes.size();
      shapes.add(tokens);
      shapeIndex.put(shape, shapeId);
      if (shapeId == shapeCluster.length) {
        shapeCluster = Arrays.copyOf(shapeCluster, shapeId * 2);
      }
      shapeCluster[shapeId] = id;
      refined = false;
    }
    Cluster cluster = clusters.get(id);
    cluster.count++;
    recordLine(shapeId);
    return new Match(id, cluster.text);
  }

  @Override
  public List<Template> templates() {
    refine();
    List<Template> out = new ArrayList<>();
    for (Cluster c : clusters) {
      if (find(c.id) == c.id) {
        out.add(new Template(c.id, c.text, c.count));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public List<Match> finalAssignments() {
    refine();
    Match[] byId = new Match[clusters.size()];
    List<Match> out = new ArrayList<>(lineCount);
    for (int i = 0; i < lineCount; i++) {
      int id = find(shapeCluster[lines[i]]);
      if (byId[id] == null) {
        byId[id] = new Match(id, clusters.get(id).text);
      }
      out.add(byId[id]);
    }
    return List.copyOf(out);
  }

  /** Splits every template on its low-cardinality columns ({@link Refiner}) and recounts lines per template. */
  private void refine() {
    if (refined) {
      return;
    }
    refined = true;
    Map<Integer, List<Integer>> members = new java.util.TreeMap<>();
    for (int s = 0; s < shapes.size(); s++) {
      members.computeIfAbsent(find(shapeCluster[s]), k -> new ArrayList<>()).add(s);
    }
    for (Map.Entry<Integer, List<Integer>> e : members.entrySet()) {
      List<Integer> ids = e.getValue();
      List<String[]> own = ids.stream().map(shapes::get).toList();
      List<List<Integer>> parts = Refiner.split(own, settings.maxConstantVariants());
      Cluster base = clusters.get(e.getKey());
      for (int k = 0; k < parts.size(); k++) {
        String[] template = Refiner.template(own, parts.get(k));
        int target = k == 0 ? retemplate(base, template) : newCluster(template, base.leaf);
        for (int local : parts.get(k)) {
          shapeCluster[ids.get(local)] = target;
        }
      }
    }
    mergeQualifiedVariants();
    recount();
  }

  /**
   * Templates equal but for dotted names ({@code ComponentInfo{com.a/com.a.Main}}) are one template: the refinement
   * reads such columns as parameters, but the tree routes on the first tokens and never compares them. A leading
   * dotted name is the subject of the message ({@code mapred.job.id is deprecated}) and is left alone.
   */
  private void mergeQualifiedVariants() {
    Map<String, Integer> byPattern = new HashMap<>();
    for (int id = 0; id < clusters.size(); id++) {
      if (find(id) != id) {
        continue;
      }
      Cluster c = clusters.get(id);
      String[] pattern = c.tokens.clone();
      boolean qualified = false;
      for (int p = 1; p < pattern.length; p++) {
        if (Refiner.isQualifiedName(pattern[p])) {
          pattern[p] = WILD;
          qualified = true;
        }
      }
      if (!qualified) {
        continue;
      }
      Integer twin = byPattern.putIfAbsent(String.join(" ", pattern), id);
      if (twin != null) {
        int keep = find(twin);
        Cluster k = clusters.get(keep);
        String[] merged = k.tokens.clone();
        for (int p = 0; p < merged.length; p++) {
          if (!merged[p].equals(c.tokens[p])) {
            merged[p] = WILD;
          }
        }
        int survivor = union(keep, id);
        retemplate(clusters.get(survivor), merged);
      }
    }
  }

  private int retemplate(Cluster c, String[] template) {
    if (Arrays.equals(c.tokens, template)) {
      return c.id;
    }
    byText.remove(c.text, c.id);
    System.arraycopy(template, 0, c.tokens, 0, template.length);
    c.text = String.join(" ", c.tokens);
    Integer twin = byText.putIfAbsent(c.text, c.id);
    return twin == null ? c.id : union(twin, c.id);
  }

  private void recount() {
    for (Cluster c : clusters) {
      c.count = 0;
    }
    for (int i = 0; i < lineCount; i++) {
      clusters.get(find(shapeCluster[lines[i]])).count++;
    }
  }

  private int place(String[] tokens) {
    List<Integer> leaf = leafFor(tokens);
    int best = -1;
    double bestSim = -1;
    int bestParams = -1;
    int scanned = Math.min(leaf.size(), settings.maxTemplatesPerLeaf());
    for (int i = 0; i < scanned; i++) {
      Cluster c = clusters.get(leaf.get(i));
      int same = 0;
      int params = 0;
      for (int p = 0; p < tokens.length; p++) {
        if (c.tokens[p].equals(tokens[p])) {
          same++;
        } else if (WILD.equals(c.tokens[p])) {
          params++;
        }
      }
      double sim = tokens.length == 0 ? 1.0 : (double) same / tokens.length;
      if (sim > bestSim || (sim == bestSim && params > bestParams)) {
        best = c.id;
        bestSim = sim;
        bestParams = params;
      }
    }
    if (best >= 0 && bestSim >= settings.similarity()) {
      return generalise(best, tokens);
    }
    return newCluster(tokens, leaf);
  }

  private int generalise(int id, String[] tokens) {
    Cluster c = clusters.get(id);
    boolean changed = false;
    for (int p = 0; p < tokens.length; p++) {
      if (!c.tokens[p].equals(tokens[p]) && !WILD.equals(c.tokens[p])) {
        c.tokens[p] = WILD;
        changed = true;
      }
    }
    if (!changed) {
      return id;
    }
    byText.remove(c.text, id);
    c.text = String.join(" ", c.tokens);
    Integer twin = byText.get(c.text);
    if (twin == null) {
      byText.put(c.text, id);
      return id;
    }
    return union(twin, id);
  }

  /** Merges two clusters with identical templates; the smaller id survives and takes the other's lines. */
  private int union(int a, int b) {
    int keep = Math.min(a, b);
    int drop = Math.max(a, b);
    Cluster k = clusters.get(keep);
    Cluster d = clusters.get(drop);
    parent[drop] = keep;
    k.count += d.count;
    d.leaf.remove(Integer.valueOf(drop));
    byText.put(k.text, keep);
    return keep;
  }

  private int newCluster(String[] tokens, List<Integer> leaf) {
    int id = clusters.size();
    Cluster c = new Cluster(id, tokens.clone(), leaf);
    clusters.add(c);
    if (id >= parent.length) {
      parent = Arrays.copyOf(parent, parent.length * 2);
    }
    parent[id] = id;
    leaf.add(id);
    Integer twin = byText.putIfAbsent(c.text, id);
    return twin == null ? id : union(twin, id);
  }

  private List<Integer> leafFor(String[] tokens) {
    Node node = byLength.computeIfAbsent(tokens.length, k -> new Node());
    int routed = Math.min(settings.depth() - 2, tokens.length);
    for (int i = 0; i < routed; i++) {
      String key = tokens[i].contains(WILD) ? WILD : tokens[i];
      Node child = node.children.get(key);
      if (child == null) {
        if (node.children.size() + 1 < settings.maxChildren() || key.equals(WILD)) {
          child = new Node();
          node.children.put(key, child);
        } else {
          child = node.children.computeIfAbsent(WILD, k -> new Node());
        }
      }
      node = child;
    }
    return node.clusters;
  }

  private int find(int id) {
    int root = id;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[id] != root) {
      int next = parent[id];
      parent[id] = root;
      id = next;
    }
    return root;
  }

  private void recordLine(int id) {
    if (lineCount == lines.length) {
      lines = Arrays.copyOf(lines, lines.length * 2);
    }
    lines[lineCount++] = id;
  }

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    final List<Integer> clusters = new ArrayList<>();
  }

  private static final class Cluster {
    final int id;
    final String[] tokens;
    final List<Integer> leaf;
    String text;
    long count;

    Cluster(int id, String[] tokens, List<Integer> leaf) {
      this.id = id;
      this.tokens = tokens;
      this.leaf = leaf;
      this.text = String.join(" ", tokens);
    }
  }
}
