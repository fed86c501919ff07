package dev.responder.app.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.responder.core.error.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmProvidersTest {
  @Test
  void create_picksTheProviderNamedByTheSpec() {
    assertThat(LlmProviders.create("anthropic/claude-haiku-4-5", Map.of("ANTHROPIC_API_KEY", "k")))
        .isInstanceOf(AnthropicChatModel.class);
    assertThat(LlmProviders.create("openai/gpt-4o-mini", Map.of("OPENAI_API_KEY", "k")))
        .isInstanceOf(OpenAiChatModel.class);
    assertThat(LlmProviders.create("ollama/qwen2.5:7b", Map.of())).isInstanceOf(OllamaChatModel.class);
  }

  @Test
  void create_namesTheMissingVariable() {
    assertThatThrownBy(() -> LlmProviders.create("anthropic/claude-sonnet-4-5", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ANTHROPIC_API_KEY");
    assertThatThrownBy(() -> LlmProviders.create("openai/gpt-4o", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void parse_rejectsUnknownProvidersAndMissingModels_listingTheKnownOnes() {
    assertThatThrownBy(() -> LlmProviders.Spec.parse("gemini/pro")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown LLM provider 'gemini'").hasMessageContaining("[anthropic, openai, ollama]");
    assertThatThrownBy(() -> LlmProviders.Spec.parse("openai/")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("provider/model");
    assertThatThrownBy(() -> LlmProviders.Spec.parse("")).isInstanceOf(ConfigException.class);
  }

  @Test
  void parse_keepsSlashesAndColonsInTheModelName() {
    assertThat(LlmProviders.Spec.parse("openai/meta-llama/Llama-3.1-8B-Instruct"))
        .isEqualTo(new LlmProviders.Spec("openai", "meta-llama/Llama-3.1-8B-Instruct"));
  }

  @Test
  void create_rejectsAMalformedTimeout() {
    assertThatThrownBy(() -> LlmProviders.create("ollama/llama3.1", Map.of("RESPONDER_LLM_TIMEOUT", "30s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ISO-8601").hasMessageContaining("30s");
  }
}
