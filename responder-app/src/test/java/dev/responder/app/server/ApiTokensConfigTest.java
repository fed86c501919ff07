package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensConfigTest {
  private static final String VIEWER_TOKEN = "viewer-secret-0123456789";
  private static final String RESP_TOKEN = "responder-secret-0123456789";
  private static final Map<String, String> ENV = Map.of("VIEWER_TOKEN", VIEWER_TOKEN, "RESP_TOKEN", RESP_TOKEN);
  private static final String TWO_TOKENS = """
      api:
        tokens:
          - {token: "${VIEWER_TOKEN}", role: viewer}
          - {token: "${RESP_TOKEN}", role: responder}
      """;

  @Test
  void parse_resolvesEnvReferences_andGrantsEachRole() {
    ApiTokens tokens = ApiTokens.parse(TWO_TOKENS, "responder.yaml", ENV);

    assertThat(tokens.enabled()).isTrue();
    assertThat(tokens.tokens()).containsExactlyInAnyOrderEntriesOf(Map.of(VIEWER_TOKEN, Role.VIEWER, RESP_TOKEN, Role.RESPONDER));
    assertThat(tokens.roleOf(VIEWER_TOKEN)).contains(Role.VIEWER);
    assertThat(tokens.roleOf(RESP_TOKEN)).contains(Role.RESPONDER);
    assertThat(tokens.roleOf("${VIEWER_TOKEN}")).isEmpty();
    assertThat(tokens.roleOf(VIEWER_TOKEN.substring(1))).isEmpty();
    assertThat(tokens.toString()).doesNotContain(VIEWER_TOKEN, RESP_TOKEN);
  }

  @Test
  void parse_acceptsUpperCaseRolesAndLiteralTokens() {
    ApiTokens tokens = ApiTokens.parse("api: {tokens: [{token: literal-token-0123456789, role: RESPONDER}]}", "x.yaml", Map.of());

    assertThat(tokens.roleOf("literal-token-0123456789")).contains(Role.RESPONDER);
  }

  @Test
  void parse_withoutAnApiSection_turnsAuthenticationOff() {
    ApiTokens tokens = ApiTokens.parse("server: {port: 8080}\n", "responder.yaml", ENV);

    assertThat(tokens).isEqualTo(ApiTokens.none());
    assertThat(tokens.enabled()).isFalse();
    assertThat(ApiTokens.parse("", "empty.yaml", ENV).enabled()).isFalse();
    assertThat(ApiTokens.parse("api: {tokens: []}", "x.yaml", ENV).enabled()).isFalse();
  }

  @Test
  void missingEnvVariable_isAnErrorNamingTheVariable_notAnyToken() {
    assertThatThrownBy(() -> ApiTokens.parse(TWO_TOKENS, "responder.yaml", Map.of("VIEWER_TOKEN", VIEWER_TOKEN)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("RESP_TOKEN")
        .hasMessageContaining("api.tokens[1]")
        .hasMessageContaining("responder.yaml")
        .message().doesNotContain(VIEWER_TOKEN);
  }

  @Test
  void tokenShorterThan16Characters_isAnError_withoutTheToken() {
    String shortToken = "short-tok-12345";
    assertThat(shortToken).hasSize(15);

    assertThatThrownBy(() -> ApiTokens.parse(TWO_TOKENS, "responder.yaml", Map.of("VIEWER_TOKEN", shortToken, "RESP_TOKEN", RESP_TOKEN)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.tokens[0]")
        .hasMessageContaining("16")
        .message().doesNotContain(shortToken).doesNotContain(RESP_TOKEN);
    assertThat(ApiTokens.parse(TWO_TOKENS, "r.yaml", Map.of("VIEWER_TOKEN", shortToken + "6", "RESP_TOKEN", RESP_TOKEN))
        .roleOf(shortToken + "6")).contains(Role.VIEWER);
  }

  @Test
  void blankOrWhitespaceToken_isAnError_withoutTheToken() {
    assertThatThrownBy(() -> ApiTokens.parse(TWO_TOKENS, "responder.yaml", Map.of("VIEWER_TOKEN", "", "RESP_TOKEN", RESP_TOKEN)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("api.tokens[0].token in ").hasMessageContaining("must be non-blank");
    String spaced = "has a space 0123456789";
    assertThatThrownBy(() -> ApiTokens.parse(TWO_TOKENS, "responder.yaml", Map.of("VIEWER_TOKEN", spaced, "RESP_TOKEN", RESP_TOKEN)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("whitespace")
        .message().doesNotContain(spaced);
  }

  @Test
  void badRole_isAnErrorNamingTheRole_notTheToken() {
    String yaml = "api: {tokens: [{token: \"${VIEWER_TOKEN}\", role: admin}]}";

    assertThatThrownBy(() -> ApiTokens.parse(yaml, "responder.yaml", ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'admin'")
        .hasMessageContaining("api.tokens[0].role in ")
        .hasMessageContaining("must be viewer or responder")
        .message().doesNotContain(VIEWER_TOKEN);
  }

  @Test
  void unknownKeys_areErrorsNamingTheKey() {
    assertThatThrownBy(() -> ApiTokens.parse("api: {tokens: [], tokenz: []}", "responder.yaml", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'tokenz'");
    assertThatThrownBy(() -> ApiTokens.parse(
            "api: {tokens: [{token: \"${RESP_TOKEN}\", role: responder, scope: all}]}", "responder.yaml", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'scope'").hasMessageContaining("api.tokens[0]")
        .message().doesNotContain(RESP_TOKEN);
  }

  @Test
  void duplicateToken_isAnError_withoutTheToken() {
    String yaml = """
        api:
          tokens:
            - {token: "${VIEWER_TOKEN}", role: viewer}
            - {token: "${VIEWER_TOKEN}", role: responder}
        """;

    assertThatThrownBy(() -> ApiTokens.parse(yaml, "responder.yaml", ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.tokens[1]")
        .hasMessageContaining("repeats")
        .message().doesNotContain(VIEWER_TOKEN);
  }

  @Test
  void malformedSections_areErrors() {
    assertThatThrownBy(() -> ApiTokens.parse("api: [1, 2]", "responder.yaml", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("api must be a mapping");
    assertThatThrownBy(() -> ApiTokens.parse("api: {tokens: \"${VIEWER_TOKEN}\"}", "responder.yaml", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("api.tokens must be a list");
    assertThatThrownBy(() -> ApiTokens.parse("api: {tokens: [just-a-string]}", "responder.yaml", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("api.tokens[0]").hasMessageContaining("mapping");
  }

  @Test
  void malformedYaml_isAnErrorNamingTheSource_withoutEchoingTokens() {
    String literal = "literal-secret-0123456789";
    for (String yaml : List.of("api: {tokens: [{token: " + literal + ", role: viewer}",
        "api:\n  tokens:\n    - token: " + literal + "\n     role: viewer\n",
        "api: {tokens: [{token: " + literal + ": x, role: viewer}]}")) {
      assertThatThrownBy(() -> ApiTokens.parse(yaml, "responder.yaml", ENV))
          .as(yaml)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("responder.yaml")
          .message().doesNotContain(literal);
    }
  }

  @Test
  void load_readsTheGivenFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("custom.yaml"), TWO_TOKENS);

    ApiTokens tokens = ApiTokens.load(file, ENV);

    assertThat(tokens.roleOf(RESP_TOKEN)).contains(Role.RESPONDER);
    assertThatThrownBy(() -> ApiTokens.load(file, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString()).hasMessageContaining("VIEWER_TOKEN");
  }

  @Test
  void load_ofAnExplicitMissingFile_isAnErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ApiTokens.load(missing, ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
  }
}
