package dev.responder.agent.transcript;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.responder.core.error.PermanentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The replayable record of one agent run: every model turn with the messages sent to the model (after redaction),
 * the model's response, its token usage and the tool calls it asked for with their results, all timestamped from
 * the run's {@link java.time.InstantSource}.
 *
 * <p>{@link Turn#sent()} holds only the messages appended since the previous turn (the first turn holds the system
 * prompt and the task), so the full conversation is the concatenation of each turn's {@code sent} messages and its
 * {@code response}. Messages are stored in LangChain4j's own JSON message format. {@link ReplayChatModel} plays the
 * responses back without a model.
 *
 * @param format the transcript format version, {@value #FORMAT}
 * @param model the model named by the first response, or the configured model name
 * @param turns the model turns in order
 */
public record Transcript(int format, String model, List<Turn> turns) {

  /** The current transcript format version. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new SimpleModule("instants")
          .addSerializer(Instant.class, new InstantSerializer())
          .addDeserializer(Instant.class, new InstantDeserializer()))
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Transcript {
    Objects.requireNonNull(model, "model");
    turns = List.copyOf(turns);
  }

  /**
   * One model call and what followed from it.
   *
   * @param step 1-based step number
   * @param startedAt when the request was sent
   * @param finishedAt when the response (or the last retry's response) arrived
   * @param sent messages appended to the conversation since the previous turn, after redaction
   * @param response the model's answer ({@link AiMessage} as LangChain4j JSON)
   * @param modelName the model that answered, as reported by the provider
   * @param inputTokens input tokens billed for this call
   * @param outputTokens output tokens billed for this call
   * @param attempts how many attempts the call took (1 without retries)
   * @param toolCalls the tool calls the response asked for, with their results
   */
  public record Turn(int step, Instant startedAt, Instant finishedAt, List<JsonNode> sent, JsonNode response,
      String modelName, long inputTokens, long outputTokens, int attempts, List<ToolCall> toolCalls) {
    public Turn {
      Objects.requireNonNull(response, "response");
      sent = List.copyOf(sent);
      toolCalls = List.copyOf(toolCalls);
    }

    /** The response as a LangChain4j message. */
    public AiMessage aiMessage() {
      return (AiMessage) ChatMessageDeserializer.messageFromJson(response.toString());
    }
  }

  /**
   * One tool call requested by the model.
   *
   * @param id the provider's tool-call id
   * @param name the tool name
   * @param arguments the arguments exactly as the model produced them (possibly invalid JSON)
   * @param result the text sent back to the model, after wrapping and redaction
   * @param failed whether the call was refused or failed
   * @param at when the call finished
   */
  public record ToolCall(String id, String name, String arguments, String result, boolean failed, Instant at) {}

  /** A LangChain4j message as the JSON stored in transcripts. */
  public static JsonNode messageJson(ChatMessage message) {
    try {
      return JSON.readTree(ChatMessageSerializer.messageToJson(message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This transcript as JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a transcript from JSON text; a malformed transcript is a {@link PermanentException}. */
  public static Transcript fromJson(String json) {
    try {
      Transcript t = JSON.readValue(json, Transcript.class);
      if (t.format() != FORMAT) {
        throw new PermanentException("transcript format must be " + FORMAT + " but was " + t.format());
      }
      return t;
    } catch (IOException e) {
      throw new PermanentException("not a valid transcript: " + e.getMessage(), e);
    }
  }

  /** Writes the transcript as JSON to {@code file}, replacing it. */
  public void write(Path file) {
    try {
      Files.writeString(file, toJson());
    } catch (IOException e) {
      throw new PermanentException("cannot write transcript to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a transcript written by {@link #write(Path)}. */
  public static Transcript read(Path file) {
    try {
      return fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new PermanentException("cannot read transcript " + file + ": " + e.getMessage(), e);
    }
  }

  private static final class InstantSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.toString());
    }
  }

  private static final class InstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Instant.parse(p.getValueAsString());
    }
  }
}
