package dev.responder.agent.redact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular-expression rules applied in a fixed order (most specific first: a JWT inside a bearer header is one
 * token, not two), each followed by an optional validity check (Luhn for cards, group counts for IPv6).
 */
final class PatternRedactor implements Redactor {

  private record Rule(String kind, Pattern pattern, int group, Predicate<String> valid) {}

  private static final String PLACEHOLDER_PREFIX = "<redacted:";

  private static final List<Rule> ALWAYS = List.of(
      new Rule("private_key", Pattern.compile(
          "-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\\s\\S]*?-----END \\1PRIVATE KEY-----"), 0, v -> true),
      new Rule("jwt", Pattern.compile(
          "\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}"), 0, v -> true),
      new Rule("api_key", Pattern.compile(
          "\\b(?:sk-ant-[A-Za-z0-9_-]{16,}|sk-(?:proj-)?[A-Za-z0-9_-]{16,}|(?:AKIA|ASIA)[0-9A-Z]{16}"
              + "|gh[pousr]_[A-Za-z0-9]{30,}|xox[bpars]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})"), 0, v -> true),
      new Rule("token", Pattern.compile(
          "(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{8,})"), 1, v -> true),
      new Rule("secret", Pattern.compile(
          "(?i)(?<![A-Za-z])[A-Za-z_-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)(?![A-Za-z])"
              + "\\\\?[\"']?\\s*[:=]\\s*\\\\?[\"']?([^\\s\"'&,;}\\\\]+)"), 1, v -> true),
      new Rule("email", Pattern.compile(
          "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b"), 0, v -> true),
      new Rule("card", Pattern.compile(
          "(?<![0-9A-Za-z])(?:\\d{13,19}|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}|\\d{4}([ -])\\d{6}\\2\\d{5})"
              + "(?![0-9A-Za-z])"), 0, PatternRedactor::passesLuhn));

  private static final List<Rule> IP = List.of(
      new Rule("ip", Pattern.compile(
          "(?<![0-9A-Za-z.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
              + "(?![0-9A-Za-z.])"), 0, v -> true),
      new Rule("ip", Pattern.compile(
          "(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Za-z:])"), 0,
          PatternRedactor::isIpv6));

  private final List<Rule> rules;
  private final Map<String, String> placeholders = new HashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();

  PatternRedactor(Settings settings) {
    List<Rule> all = new ArrayList<>(ALWAYS);
    if (settings.ipAddresses()) {
      all.addAll(IP);
    }
    this.rules = List.copyOf(all);
  }

  @Override
  public synchronized String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (Rule rule : rules) {
      result = apply(rule, result);
    }
    return result;
  }

  @Override
  public synchronized int distinctValues() {
    return placeholders.size();
  }

  private String apply(Rule rule, String text) {
    Matcher m = rule.pattern().matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      String value = m.group(rule.group());
      if (value == null || value.startsWith(PLACEHOLDER_PREFIX) || insidePlaceholder(text, m.start())
          || !rule.valid().test(value)) {
        // a rejected candidate may hide a valid one that starts later inside it (a card number after a digit)
        from = m.start() + 1;
        continue;
      }
      out.append(text, last, m.start(rule.group())).append(placeholder(rule.kind(), value));
      last = m.end(rule.group());
      from = Math.max(m.end(), m.start() + 1);
    }
    if (last == 0) {
      return text;
    }
    return out.append(text, last, text.length()).toString();
  }

  private static boolean insidePlaceholder(String text, int position) {
    int open = text.lastIndexOf(PLACEHOLDER_PREFIX, position);
    if (open < 0) {
      return false;
    }
    int close = text.indexOf('>', open);
    return close >= position;
  }

  private String placeholder(String kind, String value) {
    return placeholders.computeIfAbsent(kind + "\u0000" + value,
        k -> PLACEHOLDER_PREFIX + kind + ":" + counters.merge(kind, 1, Integer::sum) + ">");
  }

  static boolean passesLuhn(String candidate) {
    String digits = candidate.replaceAll("[ -]", "");
    if (digits.length() < 13 || digits.length() > 19 || digits.chars().distinct().count() == 1) {
      return false;
    }
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  static boolean isIpv6(String candidate) {
    int doubleColon = candidate.indexOf("::");
    if (doubleColon != candidate.lastIndexOf("::")) {
      return false;
    }
    String[] groups = candidate.split(":", -1);
    int nonEmpty = 0;
    for (String g : groups) {
      if (g.length() > 4) {
        return false;
      }
      if (!g.isEmpty()) {
        nonEmpty++;
      }
    }
    if (doubleColon < 0) {
      return groups.length == 8 && nonEmpty == 8;
    }
    return nonEmpty <= 7;
  }
}
