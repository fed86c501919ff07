package dev.responder.analysis.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Generic variable masking applied to every token before the tree search.
 *
 * <p>Design note: the Loghub benchmark studies (Zhu et al., "Tools and Benchmarks for Automated Log
 * Parsing", ICSE-SEIP 2019) show that most of a parser's accuracy comes from pre-masking obvious variables;
 * Brain (Yu et al., TSC 2023) and Drain (He et al., ICWS 2017) both rely on it. Instead of per-system regular
 * expressions we use one generic rule set, written as a single left-to-right scan (no regex, so masking is
 * linear in the token's length):
 * <ul>
 *   <li>whole-token variables: URLs ({@code scheme://...}), e-mail addresses, file paths ({@code /a/b},
 *       {@code ./a}, {@code ~/a}, {@code C:\a});</li>
 *   <li>otherwise the token is cut at punctuation that separates fields ({@code : , = ( ) [ ] { } @ / " ' ; | < > # &}),
 *       and every piece containing a digit becomes {@code <*>}. This covers numbers, IPv4/IPv6 with ports,
 *       hex ids, UUIDs, timestamps, durations and sizes with units ({@code 10ms}, {@code 64MB}) and the value of
 *       {@code key=value} pairs, while keeping the key ({@code uid=<*>}); wildcards joined by colons
 *       (times, IPv6, host:port) collapse into one;</li>
 *   <li>booleans and {@code null}, runs of eight or more hex letters, size and time units after a number, and
 *       English week-day and month abbreviations are variables too.</li>
 * </ul>
 * A trailing sentence full stop stays outside the wildcard ({@code 64.} becomes {@code <*>.}).
 */
final class Masker {
  static final String WILDCARD = "<*>";
  private static final int MAX_QUOTED = 64;

  private Masker() {
  }

  /** Splits on whitespace and masks every token; never returns null. */
  static String[] maskedTokens(String line) {
    List<String> out = new ArrayList<>();
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      i = closingQuote(line, start, i);
      if (i > start) {
        String token = line.substring(start, i);
        boolean afterNumber = !out.isEmpty() && out.getLast().endsWith(WILDCARD);
        boolean maybeUnit = afterNumber && token.length() <= 8;
        boolean maybeDate = token.length() <= 5 && Character.isUpperCase(token.charAt(0));
        String masked = (maybeUnit && isUnit(token)) || (maybeDate && isDatePart(token))
            ? WILDCARD + trailingPunctuation(token) : maskToken(token);
        if (!(afterNumber && masked.equals(WILDCARD) && out.getLast().equals(WILDCARD))) {
          out.add(masked);
        }
      }
    }
    return out.toArray(String[]::new);
  }

  /**
   * A quoted value {@code key="two words"} is one token: its spaces must not change the token count of the line.
   * Returns the end of the token holding the closing quote, or {@code end} when the token at {@code start} does not
   * open a quoted value or the quote is not closed within {@link #MAX_QUOTED} characters.
   */
  private static int closingQuote(String line, int start, int end) {
    int open = start;
    while (open + 1 < end && !(line.charAt(open) == '=' && line.charAt(open + 1) == '"')) {
      open++;
    }
    if (open + 1 >= end) {
      return end;
    }
    for (int i = open + 2; i < end; i++) {
      if (line.charAt(i) == '"') {
        return end;
      }
    }
    int limit = Math.min(line.length(), end + MAX_QUOTED);
    int close = end;
    while (close < limit && line.charAt(close) != '"') {
      close++;
    }
    if (close == limit) {
      return end;
    }
    while (close < line.length() && !Character.isWhitespace(line.charAt(close))) {
      close++;
    }
    return close;
  }

  /** Masks one whitespace-free token. */
  static String maskToken(String token) {
    boolean digit = false;
    boolean slash = false;
    boolean at = false;
    boolean separator = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '/' || c == '\\') {
        slash = true;
      } else if (c == '@') {
        at = true;
      }
      separator |= isSeparator(c) || c == '.';
    }
    if (!digit && !slash && !at) {
      if (!separator) {
        return isLiteral(token, 0, token.length()) || isHexWord(token, 0, token.length()) ? WILDCARD : token;
      }
      return hasLiteralValue(token) || token.length() >= 8 ? maskPieces(token) : token;
    }
    String tail = trailingPunctuation(token);
    String body = token.substring(0, token.length() - tail.length());
    if (slash && (body.contains("://") || isPath(body))) {
      return WILDCARD + tail;
    }
    if (at && isEmail(body)) {
      return WILDCARD + tail;
    }
    if (digit && isStackFrame(body)) {
      return WILDCARD + tail;
    }
    return digit ? maskPieces(token) : token;
  }

  static boolean isSeparator(char c) {
    return switch (c) {
      case ':', ',', '=', '(', ')', '[', ']', '{', '}', '@', '/', '"', '\'', ';', '|', '<', '>', '#', '&' -> true;
      default -> false;
    };
  }

  private static String maskPieces(String token) {
    StringBuilder sb = new StringBuilder(token.length());
    int n = token.length();
    int i = 0;
    while (i < n) {
      char c = token.charAt(i);
      if (isSeparator(c)) {
        sb.append(c);
        i++;
        continue;
      }
      if (c == '.' && i + 1 < n && token.charAt(i + 1) == '.') {
        // a run of dots is a visual separator ("instruction......0x00"), not part of a value
        while (i < n && token.charAt(i) == '.') {
          sb.append('.');
          i++;
        }
        continue;
      }
      int start = i;
      boolean digit = false;
      while (i < n && !isSeparator(token.charAt(i)) && !(token.charAt(i) == '.' && i + 1 < n && token.charAt(i + 1) == '.')) {
        char d = token.charAt(i);
        digit |= d >= '0' && d <= '9';
        i++;
      }
      if (digit && isDeviceName(token, start, i)) {
        sb.append(token, start, i);
      } else if (!digit && (isLiteral(token, start, i) || isHexWord(token, start, i))) {
        sb.append(WILDCARD);
      } else if (!digit) {
        sb.append(token, start, i);
      } else if (token.charAt(i - 1) == '.' && i - 1 > start) {
        sb.append(WILDCARD).append('.');
      } else {
        sb.append(WILDCARD);
      }
    }
    return collapseColonRuns(sb);
  }

  /** {@code <*>:<*>:<*>} (times, IPv6, host:port) is one value, not three. */
  private static String collapseColonRuns(StringBuilder sb) {
    String s = sb.toString();
    if (!s.contains(WILDCARD + ":")) {
      return s;
    }
    String prev;
    do {
      prev = s;
      s = s.replace(WILDCARD + "::" + WILDCARD, WILDCARD).replace(WILDCARD + ":" + WILDCARD, WILDCARD);
    } while (!s.equals(prev));
    return s;
  }

  private static final java.util.Set<String> UNITS = java.util.Set.of("b", "kb", "mb", "gb", "tb", "kib", "mib", "gib",
      "bytes", "ns", "us", "ms", "s", "sec", "secs", "seconds", "min", "mins", "minutes", "h", "hours");
  private static final java.util.Set<String> DATE_PARTS = java.util.Set.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
      "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final java.util.Set<String> LITERALS = java.util.Set.of("true", "false", "null", "TRUE", "FALSE", "NULL",
      "True", "False");

  /** A size or time unit standing after a number, as in {@code 35 ms} or {@code 4.2 KB,}. */
  private static boolean isUnit(String token) {
    String body = token.substring(0, token.length() - trailingPunctuation(token).length());
    return UNITS.contains(body.toLowerCase(java.util.Locale.ROOT));
  }

  /** An English week-day or month abbreviation ("May" is left alone: it is also a word). */
  private static boolean isDatePart(String token) {
    return DATE_PARTS.contains(token.substring(0, token.length() - trailingPunctuation(token).length()));
  }

  private static boolean hasLiteralValue(String token) {
    for (String literal : LITERALS) {
      if (token.contains(literal)) {
        return true;
      }
    }
    return false;
  }

  /** Eight or more hex letters with no digit ({@code ffffffff}, {@code deadbeef}): a hex value, not a word. */
  private static boolean isHexWord(String token, int from, int to) {
    if (to - from < 8) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = Character.toLowerCase(token.charAt(i));
      if (c < 'a' || c > 'f') {
        return false;
      }
    }
    return true;
  }

  /**
   * Two or more lower-case letters and one final digit ({@code eth0}, {@code alt0}, {@code ssh2}): the name of a
   * device, interface or protocol version, of which a system has few, so the column statistics decide. Not
   * after a slash: there it is a file name ({@code /udev/vcs2}).
   */
  private static boolean isDeviceName(String token, int from, int to) {
    if (to - from < 3 || (from > 0 && token.charAt(from - 1) == '/')) {
      return false;
    }
    for (int i = from; i < to - 1; i++) {
      char c = token.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    char last = token.charAt(to - 1);
    return last >= '0' && last <= '9';
  }

  /** Boolean and null values: variables with no digit. */
  private static boolean isLiteral(String token, int from, int to) {
    return LITERALS.contains(token.substring(from, to));
  }

  /** Punctuation closing a token ({@code ,} {@code :} {@code ;} {@code .} {@code )} {@code ]}) kept out of the wildcard. */
  static String trailingPunctuation(String token) {
    int end = token.length();
    while (end > 0 && ",:;.)]".indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    return token.substring(end);
  }

  private static boolean isPath(String token) {
    if (token.length() < 2) {
      return false;
    }
    char c0 = token.charAt(0);
    if (c0 == '/' || c0 == '\\') {
      return hasLetterOrDigit(token, 1);
    }
    if ((c0 == '.' || c0 == '~') && (token.charAt(1) == '/' || token.startsWith("./", 1))) {
      return true;
    }
    return token.length() > 3 && Character.isLetter(c0) && token.charAt(1) == ':'
        && (token.charAt(2) == '\\' || token.charAt(2) == '/');
  }

  /**
   * A stack frame {@code com.example.Type.method:123}: a qualified name, a colon and a line number. A trace is a
   * variable-length list of them, which the wildcard-run rule then collapses into one wildcard.
   */
  private static boolean isStackFrame(String token) {
    int colon = token.lastIndexOf(':');
    if (colon < 3 || colon == token.length() - 1) {
      return false;
    }
    for (int i = colon + 1; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    int dots = 0;
    for (int i = 0; i < colon; i++) {
      char c = token.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
        return false;
      }
    }
    return dots >= 2 && Character.isLetter(token.charAt(0));
  }

  private static boolean hasLetterOrDigit(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEmail(String token) {
    int at = token.indexOf('@');
    if (at <= 0 || at != token.lastIndexOf('@')) {
      return false;
    }
    int dot = token.indexOf('.', at + 2);
    if (dot < 0 || dot == token.length() - 1) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '@' || c == '%')) {
        return false;
      }
    }
    return true;
  }
}
