package dev.responder.agent.testkit;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChatModel} that answers with scripted messages in order and records every request it received, for
 * testing agents without a language model. Each answer reports {@code inputTokens}/{@code outputTokens} of usage
 * and the model name {@code scripted} unless configured otherwise. A request beyond the script fails the test.
 *
 * <pre>{@code
 * var model = ScriptedChatModel.of(
 *     ScriptedChatModel.toolCall("query_logs", "{\"service\":\"checkout\"}"),
 *     ScriptedChatModel.answer("checkout is failing on db timeouts"));
 * }</pre>
 */
public final class ScriptedChatModel implements ChatModel {
  private final List<AiMessage> script;
  private final String modelName;
  private final int inputTokens;
  private final int outputTokens;
  private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger ids = new AtomicInteger();

  private ScriptedChatModel(List<AiMessage> script, String modelName, int inputTokens, int outputTokens) {
    this.script = List.copyOf(script);
    this.modelName = modelName;
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
  }

  /** Answers with {@code messages} in order, each reporting 100 input and 20 output tokens. */
  public static ScriptedChatModel of(AiMessage... messages) {
    return new ScriptedChatModel(List.of(messages), "scripted", 100, 20);
  }

  /** Answers with {@code messages} in order. */
  public static ScriptedChatModel of(List<AiMessage> messages) {
    return new ScriptedChatModel(messages, "scripted", 100, 20);
  }

  /** This script reporting another model name (to exercise the price table). */
  public ScriptedChatModel withModelName(String name) {
    return new ScriptedChatModel(script, name, inputTokens, outputTokens);
  }

  /** This script reporting other usage per answer. */
  public ScriptedChatModel withUsage(int input, int output) {
    return new ScriptedChatModel(script, modelName, input, output);
  }

  /** A message asking for one tool call; the id is derived from the name. */
  public static AiMessage toolCall(String name, String argumentsJson) {
    return AiMessage.from(request(name, argumentsJson));
  }

  /** A message asking for several tool calls at once. */
  public static AiMessage toolCalls(ToolExecutionRequest... requests) {
    return AiMessage.from(requests);
  }

  /** One tool execution request, for {@link #toolCalls}. */
  public static ToolExecutionRequest request(String name, String argumentsJson) {
    return ToolExecutionRequest.builder().id("call_" + name).name(name).arguments(argumentsJson).build();
  }

  /** A final text answer without tool calls. */
  public static AiMessage answer(String text) {
    return AiMessage.from(text);
  }

  /** The requests received so far, in order. */
  public List<ChatRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The messages of the last request received. */
  public List<ChatMessage> lastMessages() {
    List<ChatRequest> all = requests();
    if (all.isEmpty()) {
      throw new IllegalStateException("no request received yet");
    }
    return all.get(all.size() - 1).messages();
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    int i = ids.getAndIncrement();
    if (i >= script.size()) {
      throw new IllegalStateException("the script has " + script.size() + " answers but request " + (i + 1)
          + " arrived");
    }
    return ChatResponse.builder()
        .aiMessage(script.get(i))
        .modelName(modelName)
        .tokenUsage(new TokenUsage(inputTokens, outputTokens))
        .build();
  }
}
