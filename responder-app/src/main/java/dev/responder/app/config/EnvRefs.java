package dev.responder.app.config;

import dev.responder.core.error.ConfigException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} references to environment variables in configuration values, so that secrets (API tokens,
 * webhook credentials) need not be written into {@code responder.yaml}. Error messages name the variable and the
 * key, never the value.
 */
public final class EnvRefs {
  private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private EnvRefs() {}

  /** {@code text} with every {@code ${NAME}} replaced by the variable's value; a missing variable fails. */
  public static String expand(String text, Map<String, String> env, String what) {
    Matcher m = REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) {
        throw new ConfigException(what + " refers to environment variable " + m.group(1) + ", which is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
