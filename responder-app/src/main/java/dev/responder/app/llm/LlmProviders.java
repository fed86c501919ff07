package dev.responder.app.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.responder.core.error.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates LangChain4j chat models from a {@code provider/model} spec and environment variables. This is the only
 * place in Responder that names concrete LLM providers.
 *
 * <table>
 *   <caption>Providers and their settings</caption>
 *   <tr><th>spec</th><th>environment</th></tr>
 *   <tr><td>{@code anthropic/claude-sonnet-4-5}</td><td>{@code ANTHROPIC_API_KEY} (required),
 *       {@code ANTHROPIC_BASE_URL} (optional)</td></tr>
 *   <tr><td>{@code openai/gpt-4o}</td><td>{@code OPENAI_API_KEY} (required unless {@code OPENAI_BASE_URL} is set),
 *       {@code OPENAI_BASE_URL} for OpenAI-compatible servers: vLLM ({@code http://host:8000/v1}), LM Studio
 *       ({@code http://localhost:1234/v1}), llama.cpp server ({@code http://localhost:8080/v1})</td></tr>
 *   <tr><td>{@code ollama/llama3.1:8b}</td><td>{@code OLLAMA_BASE_URL} (default
 *       {@code http://localhost:11434})</td></tr>
 * </table>
 *
 * <p>{@code RESPONDER_LLM_TIMEOUT} (ISO-8601 duration, default {@code PT120S}) bounds each HTTP call. The
 * providers' own retries are switched off: the agent loop retries transient errors itself, with its budgets in
 * view. Models use LangChain4j's JDK HTTP client. Model names after the first {@code /} are passed as they are,
 * so {@code ollama/qwen2.5:7b} and {@code openai/meta-llama/Llama-3.1-8B-Instruct} both work.
 */
public final class LlmProviders {

  /** The provider names accepted before the {@code /} of a spec. */
  public static final List<String> KNOWN = List.of("anthropic", "openai", "ollama");

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private LlmProviders() {}

  /** A parsed spec: provider name and model name. */
  public record Spec(String provider, String model) {
    public Spec {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(model, "model");
    }

    /**
     * Parses {@code provider/model}; an unknown provider or a missing model is a {@link ConfigException} naming
     * the accepted forms.
     */
    public static Spec parse(String spec) {
      if (spec == null || spec.isBlank()) {
        throw new ConfigException("LLM spec must be provider/model (providers: " + KNOWN + ") but was empty");
      }
      int slash = spec.indexOf('/');
      if (slash <= 0 || slash == spec.length() - 1) {
        throw new ConfigException("LLM spec must be provider/model, e.g. anthropic/claude-sonnet-4-5, but was '"
            + spec + "'");
      }
      String provider = spec.substring(0, slash).trim().toLowerCase(java.util.Locale.ROOT);
      if (!KNOWN.contains(provider)) {
        throw new ConfigException("unknown LLM provider '" + provider + "' in '" + spec + "'; known: " + KNOWN);
      }
      return new Spec(provider, spec.substring(slash + 1).trim());
    }
  }

  /**
   * The chat model named by {@code spec}, configured from {@code env} (pass {@code System.getenv()} in
   * production and a map in tests). Missing required settings are a {@link ConfigException} naming the variable.
   */
  public static ChatModel create(String spec, Map<String, String> env) {
    Spec s = Spec.parse(spec);
    Duration timeout = timeout(env);
    return switch (s.provider()) {
      case "anthropic" -> {
        AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder()
            .apiKey(required(env, "ANTHROPIC_API_KEY", spec))
            .modelName(s.model())
            .maxTokens(4096)
            .timeout(timeout)
            .maxRetries(0);
        optional(env, "ANTHROPIC_BASE_URL").ifPresent(b::baseUrl);
        yield b.build();
      }
      case "openai" -> {
        java.util.Optional<String> baseUrl = optional(env, "OPENAI_BASE_URL");
        String key = baseUrl.isPresent()
            ? optional(env, "OPENAI_API_KEY").orElse("not-needed")
            : required(env, "OPENAI_API_KEY", spec);
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
            .apiKey(key)
            .modelName(s.model())
            .timeout(timeout)
            .maxRetries(0);
        baseUrl.ifPresent(b::baseUrl);
        yield b.build();
      }
      case "ollama" -> OllamaChatModel.builder()
          .maxRetries(0)
          .baseUrl(optional(env, "OLLAMA_BASE_URL").orElse("http://localhost:11434"))
          .modelName(s.model())
          .timeout(timeout)
          .build();
      default -> throw new ConfigException("unknown LLM provider '" + s.provider() + "'; known: " + KNOWN);
    };
  }

  private static String required(Map<String, String> env, String name, String spec) {
    return optional(env, name).orElseThrow(() -> new ConfigException(
        "LLM " + spec + " needs the environment variable " + name + ", which is not set"));
  }

  private static java.util.Optional<String> optional(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.trim());
  }

  private static Duration timeout(Map<String, String> env) {
    String raw = env.get("RESPONDER_LLM_TIMEOUT");
    if (raw == null || raw.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      Duration d = Duration.parse(raw.trim());
      if (d.isNegative() || d.isZero()) {
        throw new ConfigException("RESPONDER_LLM_TIMEOUT must be positive but was " + raw);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ConfigException("RESPONDER_LLM_TIMEOUT must be an ISO-8601 duration like PT60S but was '" + raw
          + "'", e);
    }
  }
}
