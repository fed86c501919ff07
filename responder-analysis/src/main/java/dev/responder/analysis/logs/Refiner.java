package dev.responder.analysis.logs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits an over-general template back into its constant variants.
 *
 * <p>Design note: Brain (Yu et al., IEEE TSC 2023) decides whether a column of a group is a variable or part
 * of the template by the number of distinct values in it: a column with few distinct values is a set of
 * constants ("Transitioned from RUNNING to SUCCEEDED" vs "... from NEW to SCHEDULED"), one with many is a
 * parameter (user names, hosts). Drain's similarity threshold cannot tell these apart, so the miner merges
 * generously and this step splits every group on its low-cardinality columns, recursively until stable. It
 * works on distinct masked line shapes, not on lines, so its cost does not grow with repeated lines.
 * Brain tunes the distinct-value threshold per system; we keep one threshold and use the character class of the
 * values instead: upper-case symbols (enumeration states) stay constants up to four times more variants, dotted
 * names (two or more dots, not ending in a symbol) and fields whose value was masked whole ({@code ws=<*>} next to
 * {@code ws=WorkSource{<*>}}) are parameters however few values they take.
 */
final class Refiner {
  private static final int SYMBOL_FACTOR = 4;

  private Refiner() {
  }

  /**
   * Partitions shapes of equal length; each part lists indices into {@code shapes}, parts ordered by their
   * first index, indices ascending.
   */
  static List<List<Integer>> split(List<String[]> shapes, int maxConstantVariants) {
    List<Integer> all = new ArrayList<>(shapes.size());
    for (int i = 0; i < shapes.size(); i++) {
      all.add(i);
    }
    List<List<Integer>> out = new ArrayList<>();
    splitInto(shapes, all, maxConstantVariants, out);
    out.sort((a, b) -> Integer.compare(a.getFirst(), b.getFirst()));
    return out;
  }

  private static void splitInto(List<String[]> shapes, List<Integer> group, int maxVariants, List<List<Integer>> out) {
    if (group.size() < 2) {
      out.add(group);
      return;
    }
    int length = shapes.get(group.getFirst()).length;
    List<Integer> constantColumns = new ArrayList<>();
    for (int p = 0; p < length; p++) {
      Set<String> values = new HashSet<>();
      boolean qualified = false;
      boolean symbolic = true;
      boolean maskedValue = false;
      boolean sameKey = true;
      int bound = maxVariants * SYMBOL_FACTOR;
      for (int s : group) {
        String value = shapes.get(s)[p];
        qualified |= isQualifiedName(value);
        symbolic &= isSymbol(value);
        maskedValue |= isMaskedValue(value);
        sameKey &= key(value).equals(key(shapes.get(group.getFirst())[p]));
        values.add(constantPart(value));
        if (values.size() > bound) {
          break;
        }
      }
      int limit = symbolic ? bound : maxVariants;
      if (values.size() > 1 && values.size() <= limit && !qualified && !(maskedValue && sameKey)) {
        constantColumns.add(p);
      }
    }
    if (constantColumns.isEmpty()) {
      out.add(group);
      return;
    }
    Map<List<String>, List<Integer>> parts = new LinkedHashMap<>();
    for (int s : group) {
      List<String> key = new ArrayList<>(constantColumns.size());
      for (int p : constantColumns) {
        key.add(constantPart(shapes.get(s)[p]));
      }
      parts.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    for (List<Integer> part : parts.values()) {
      splitInto(shapes, part, maxVariants, out);
    }
  }

  /**
   * An upper-case symbol ({@code RUNNING}, {@code FAIL_CONTAINER_CLEANUP}): an enumeration constant, so a column of
   * them stays a set of constants up to {@link #SYMBOL_FACTOR} times more distinct values.
   */
  static boolean isSymbol(String token) {
    if (token.length() < 2 || !Character.isUpperCase(token.charAt(0))) {
      return false;
    }
    for (int i = 1; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code key=<*>}: the value of a field was masked whole, so the field holds a parameter and other values seen
   * in the column under the same key ({@code key=WorkSource{<*>}}) are parameters too.
   */
  static boolean isMaskedValue(String token) {
    int eq = token.indexOf('=');
    return eq > 0 && token.startsWith(Masker.WILDCARD, eq + 1)
        && Masker.trailingPunctuation(token).length() == token.length() - eq - 1 - Masker.WILDCARD.length();
  }

  /** The field name of a {@code key=value} token, empty if it has none. */
  static String key(String token) {
    int eq = token.indexOf('=');
    return eq > 0 ? token.substring(0, eq) : "";
  }

  /**
   * Dotted names ({@code com.example.app}, {@code host.example.org}) name a component, host or class: in
   * a column that varies they are parameters, however few of them a sample holds.
   */
  static boolean isQualifiedName(String token) {
    int dots = 0;
    int lastDot = -1;
    for (int i = 1; i + 1 < token.length(); i++) {
      if (token.charAt(i) == '.' && Character.isLetter(token.charAt(i - 1)) && Character.isLetter(token.charAt(i + 1))) {
        dots++;
        lastDot = i;
      }
    }
    return dots >= 2 && !isSymbol(Masker.trailingPunctuation(token).isEmpty()
        ? token.substring(lastDot + 1) : token.substring(lastDot + 1, token.length() - Masker.trailingPunctuation(token).length()));
  }

  /**
   * A token without its masked parts: {@code ()} and {@code (<*>)} are the same constant with an empty and a
   * non-empty value, and must not be split apart.
   */
  static String constantPart(String token) {
    return token.contains(Masker.WILDCARD) ? token.replace(Masker.WILDCARD, "") : token;
  }

  /** The template of a set of equal-length shapes: the common token where all agree, else {@code <*>}. */
  static String[] template(List<String[]> shapes, List<Integer> members) {
    String[] t = shapes.get(members.getFirst()).clone();
    for (int s : members) {
      String[] shape = shapes.get(s);
      for (int p = 0; p < t.length; p++) {
        if (t[p].equals(shape[p])) {
          continue;
        }
        if (constantPart(t[p]).equals(constantPart(shape[p]))) {
          t[p] = t[p].contains(Masker.WILDCARD) ? t[p] : shape[p];
        } else {
          t[p] = Masker.WILDCARD;
        }
      }
    }
    return t;
  }
}
