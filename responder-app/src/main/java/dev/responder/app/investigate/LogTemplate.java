package dev.responder.app.investigate;

/** Masks tokens holding a digit, so that lines differing only in numbers and ids share a template key. */
final class LogTemplate {
  private LogTemplate() {}

  static String key(String body) {
    StringBuilder out = new StringBuilder();
    for (String token : body.split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(token.chars().anyMatch(Character::isDigit) ? "<*>" : token);
      if (out.length() >= 160) {
        break;
      }
    }
    return out.toString();
  }
}
