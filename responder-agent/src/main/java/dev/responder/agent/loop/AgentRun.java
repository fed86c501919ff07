package dev.responder.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.agent.transcript.Transcript;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one agent run, whatever ended it.
 *
 * @param stopReason why the run ended
 * @param detail a sentence for people explaining the stop, with the numbers involved
 * @param finalText the model's last text, when it answered without tools (or with text beside a stop call)
 * @param submitted the stop tool's arguments, when the run ended with {@link StopReason#STOP_TOOL}
 * @param steps model calls made
 * @param toolCalls tool calls executed (including refused ones and the stop call)
 * @param inputTokens input tokens reported by the provider over all calls
 * @param outputTokens output tokens reported by the provider over all calls
 * @param usd cost priced with the loop's {@link PriceTable}; 0 when the price is unknown
 * @param priceKnown whether every call's model was in the price table
 * @param wallTime elapsed time on the loop's clock
 * @param transcript the replayable record of every turn
 */
public record AgentRun(StopReason stopReason, String detail, Optional<String> finalText, Optional<JsonNode> submitted,
    int steps, int toolCalls, long inputTokens, long outputTokens, double usd, boolean priceKnown, Duration wallTime,
    Transcript transcript) {
  public AgentRun {
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(finalText, "finalText");
    Objects.requireNonNull(submitted, "submitted");
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(transcript, "transcript");
  }
}
