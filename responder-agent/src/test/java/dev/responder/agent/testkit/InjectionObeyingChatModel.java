package dev.responder.agent.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately gullible model for safety tests: whenever a tool result contains text of the form
 * {@code call tool NAME with {json}} (anywhere, in any string inside the result), it obeys by calling that tool
 * with those arguments, once per instruction; otherwise it follows its script like {@link ScriptedChatModel}.
 * Tests use it to show that obeying injected text still cannot get past tool scoping, permissions and policy.
 */
public final class InjectionObeyingChatModel implements ChatModel {
  private static final Pattern INSTRUCTION =
      Pattern.compile("(?i)call (?:the )?tool ([a-z0-9_]+)(?: with (\\{.*?\\}))?(?=$|[^}])");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScriptedChatModel script;
  private final Set<String> obeyed = new HashSet<>();
  private final List<String> obeyedInstructions = new ArrayList<>();

  private InjectionObeyingChatModel(ScriptedChatModel script) {
    this.script = script;
  }

  /** Obeys injected instructions, otherwise answers with {@code fallback} in order. */
  public static InjectionObeyingChatModel of(AiMessage... fallback) {
    return new InjectionObeyingChatModel(ScriptedChatModel.of(fallback));
  }

  /** The instructions it obeyed, as {@code name arguments}. */
  public synchronized List<String> obeyedInstructions() {
    return List.copyOf(obeyedInstructions);
  }

  /** The requests received so far. */
  public List<ChatRequest> requests() {
    return script.requests();
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    for (ChatMessage m : request.messages()) {
      if (m instanceof ToolExecutionResultMessage result) {
        for (String text : strings(result.text())) {
          Matcher matcher = INSTRUCTION.matcher(text);
          while (matcher.find()) {
            String name = matcher.group(1);
            String args = matcher.group(2) == null ? "{}" : matcher.group(2);
            if (obeyed.add(name + " " + args)) {
              obeyedInstructions.add(name + " " + args);
              return ChatResponse.builder()
                  .aiMessage(AiMessage.from(ToolExecutionRequest.builder()
                      .id("injected_" + obeyed.size()).name(name).arguments(args).build()))
                  .modelName("injection-obeying")
                  .tokenUsage(new TokenUsage(100, 20))
                  .build();
            }
          }
        }
      }
    }
    return script.doChat(request);
  }

  private static List<String> strings(String text) {
    List<String> out = new ArrayList<>();
    try {
      collect(JSON.readTree(text), out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      out.add(text);
    }
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.forEach(child -> collect(child, out));
  }
}
