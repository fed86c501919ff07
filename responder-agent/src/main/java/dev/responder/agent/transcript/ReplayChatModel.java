package dev.responder.agent.transcript;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.responder.core.error.PermanentException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChatModel} that answers with the responses recorded in a {@link Transcript}, in order, with their
 * recorded token usage and model name. Running the same agent loop with the same tools and clock over a replay
 * model reproduces the recorded run without any language model, which makes recorded investigations regression
 * tests.
 */
public final class ReplayChatModel implements ChatModel {
  private final Transcript transcript;
  private final AtomicInteger next = new AtomicInteger();

  private ReplayChatModel(Transcript transcript) {
    this.transcript = transcript;
  }

  /** A model replaying {@code transcript} from its first turn. */
  public static ReplayChatModel of(Transcript transcript) {
    return new ReplayChatModel(transcript);
  }

  /** How many recorded responses have been returned. */
  public int replayed() {
    return next.get();
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    int i = next.getAndIncrement();
    if (i >= transcript.turns().size()) {
      throw new PermanentException("the transcript has only " + transcript.turns().size()
          + " recorded responses but the run asked for response " + (i + 1));
    }
    Transcript.Turn turn = transcript.turns().get(i);
    return ChatResponse.builder()
        .aiMessage(turn.aiMessage())
        .modelName(turn.modelName())
        .tokenUsage(new TokenUsage(Math.toIntExact(turn.inputTokens()), Math.toIntExact(turn.outputTokens())))
        .build();
  }
}
