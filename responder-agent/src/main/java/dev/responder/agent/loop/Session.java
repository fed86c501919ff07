package dev.responder.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.responder.agent.redact.Redactor;
import dev.responder.agent.tool.Permission;
import dev.responder.agent.tool.Tool;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.agent.tool.ToolResult;
import dev.responder.agent.transcript.Transcript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The mutable state of one run of an {@link AgentLoop}. */
final class Session {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double CHARS_PER_TOKEN_ESTIMATE = 3.0;

  private final AgentLoop.Settings settings;
  private final ToolRegistry tools;
  private final ToolRegistry stopRegistry;
  private final Budget budget;
  private final CancellationToken cancel;
  private final Redactor redactor;
  private final Instant start;
  private final List<ToolSpecification> specifications = new ArrayList<>();
  private final List<ChatMessage> messages = new ArrayList<>();
  private final List<ChatMessage> unsent = new ArrayList<>();
  private final List<Transcript.Turn> turns = new ArrayList<>();
  private long specificationChars;
  private int steps;
  private int toolCalls;
  private long inputTokens;
  private long outputTokens;
  private double usd;
  private boolean priceKnown = true;
  private String reportedModel;

  Session(AgentLoop.Settings settings, ToolRegistry tools, Budget budget, CancellationToken cancel) {
    this.settings = settings;
    this.tools = tools;
    this.budget = budget;
    this.cancel = cancel;
    this.redactor = Redactor.create(settings.redaction());
    this.start = settings.clock().instant();
    for (Tool t : tools.tools()) {
      addSpecification(t.name(), t.description(), t.parameters());
    }
    StopTool stop = settings.stopTool();
    if (stop != null) {
      if (tools.has(stop.name())) {
        throw new IllegalArgumentException("stop tool '" + stop.name() + "' has the name of a registry tool");
      }
      addSpecification(stop.name(), stop.description(), stop.parameters());
      stopRegistry = ToolRegistry.of(List.of(new Submission(stop)));
    } else {
      stopRegistry = ToolRegistry.of(List.of());
    }
  }

  AgentRun run(String systemPrompt, String task) {
    append(SystemMessage.from(redactor.redact(systemPrompt + "\n\n" + AgentLoop.UNTRUSTED_DATA_PREAMBLE)));
    append(UserMessage.from(redactor.redact(task)));
    ProviderCall provider = new ProviderCall(settings.model(), settings.retry(), cancel, this::remainingWall);
    while (true) {
      Optional<AgentRun> limit = checkLimits();
      if (limit.isPresent()) {
        return limit.get();
      }
      List<ChatMessage> sent = List.copyOf(unsent);
      unsent.clear();
      Instant startedAt = settings.clock().instant();
      int outputCap = (int) Math.min(settings.maxOutputTokensPerCall(), budget.maxOutputTokens() - outputTokens);
      ChatRequest request = ChatRequest.builder()
          .messages(List.copyOf(messages))
          .toolSpecifications(specifications)
          .maxOutputTokens(outputCap)
          .build();
      ProviderCall.Outcome outcome = provider.call(request);
      if (outcome instanceof ProviderCall.Stopped stopped) {
        return finish(stopped.reason(), stopped.detail(), Optional.empty(), Optional.empty());
      }
      ProviderCall.Answered answered = (ProviderCall.Answered) outcome;
      steps++;
      Optional<AgentRun> end = handle(answered, sent, startedAt);
      if (end.isPresent()) {
        return end.get();
      }
    }
  }

  private Optional<AgentRun> handle(ProviderCall.Answered answered, List<ChatMessage> sent, Instant startedAt) {
    ChatResponse response = answered.response();
    AiMessage ai = response.aiMessage();
    Instant finishedAt = settings.clock().instant();
    long in = 0;
    long out = 0;
    TokenUsage usage = response.tokenUsage();
    if (usage != null) {
      in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
      out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    }
    String model = response.modelName() != null ? response.modelName() : settings.modelName();
    if (reportedModel == null) {
      reportedModel = model;
    }
    inputTokens += in;
    outputTokens += out;
    PriceTable.Cost cost = settings.prices().cost(model, in, out);
    usd += cost.usd();
    priceKnown &= cost.known();
    messages.add(ai);

    List<Transcript.ToolCall> calls = new ArrayList<>();
    if (!ai.hasToolExecutionRequests()) {
      turns.add(turn(sent, startedAt, finishedAt, ai, model, in, out, answered.attempts(), calls));
      return Optional.of(finish(StopReason.ANSWERED, "the model answered after " + steps + " steps",
          Optional.ofNullable(ai.text()), Optional.empty()));
    }
    Optional<End> end = Optional.empty();
    for (ToolExecutionRequest req : ai.toolExecutionRequests()) {
      if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
        end = Optional.of(new End(StopReason.CANCELLED, "cancelled before tool " + req.name() + ": "
            + cancelReason(), Optional.empty(), Optional.empty()));
        break;
      }
      toolCalls++;
      Execution ex = execute(req);
      calls.add(new Transcript.ToolCall(req.id(), req.name(), req.arguments(), ex.text(), ex.failed(),
          settings.clock().instant()));
      if (ex.submitted() != null) {
        end = Optional.of(new End(StopReason.STOP_TOOL, "the model called " + req.name() + " after " + steps
            + " steps", Optional.ofNullable(ai.text()), Optional.of(ex.submitted())));
        break;
      }
      append(ToolExecutionResultMessage.builder()
          .id(req.id()).toolName(req.name()).text(ex.text()).isError(ex.failed()).build());
    }
    turns.add(turn(sent, startedAt, finishedAt, ai, model, in, out, answered.attempts(), calls));
    return end.map(e -> finish(e.reason(), e.detail(), e.text(), e.submitted()));
  }

  private record End(StopReason reason, String detail, Optional<String> text, Optional<JsonNode> submitted) {}

  private record Execution(String text, boolean failed, JsonNode submitted) {}

  private Execution execute(ToolExecutionRequest req) {
    JsonNode args;
    try {
      String raw = req.arguments();
      args = raw == null || raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return wrap(new ToolResult.Failed("the arguments of " + req.name() + " are not valid JSON: "
          + e.getOriginalMessage()), null);
    }
    StopTool stop = settings.stopTool();
    if (stop != null && stop.name().equals(req.name())) {
      ToolResult r = stopRegistry.call(req.name(), args);
      return wrap(r, r instanceof ToolResult.Ok ? args : null);
    }
    return wrap(tools.call(req.name(), args), null);
  }

  private Execution wrap(ToolResult result, JsonNode submitted) {
    ObjectNode wrapped = JSON.createObjectNode();
    boolean failed = switch (result) {
      case ToolResult.Ok ok -> {
        wrapped.set("untrusted_data", ok.data());
        wrapped.put("omitted", ok.omitted());
        yield false;
      }
      case ToolResult.Failed f -> {
        wrapped.put("tool_error", f.messageForModel());
        yield true;
      }
    };
    return new Execution(redactor.redact(wrapped.toString()), failed, submitted);
  }

  private Optional<AgentRun> checkLimits() {
    if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
      return Optional.of(finish(StopReason.CANCELLED, "cancelled: " + cancelReason(), Optional.empty(),
          Optional.empty()));
    }
    if (steps >= budget.maxSteps()) {
      return stop(StopReason.MAX_STEPS, "the step budget of " + budget.maxSteps() + " model calls is used up");
    }
    Duration elapsed = elapsed();
    if (elapsed.compareTo(budget.maxWall()) >= 0) {
      return stop(StopReason.MAX_WALL_TIME, "the wall-time budget of " + budget.maxWall() + " is used up ("
          + elapsed + " elapsed)");
    }
    if (outputTokens >= budget.maxOutputTokens()) {
      return stop(StopReason.MAX_OUTPUT_TOKENS, "the output budget of " + budget.maxOutputTokens()
          + " tokens is used up (" + outputTokens + " used)");
    }
    long estimate = estimateInputTokens();
    if (inputTokens + estimate > budget.maxInputTokens()) {
      return stop(StopReason.MAX_INPUT_TOKENS, "the next request (about " + estimate + " input tokens) would exceed "
          + "the input budget of " + budget.maxInputTokens() + " tokens (" + inputTokens + " used)");
    }
    String model = reportedModel != null ? reportedModel : settings.modelName();
    long outputCap = Math.min(settings.maxOutputTokensPerCall(), budget.maxOutputTokens() - outputTokens);
    double worstCase = settings.prices().cost(model, estimate, outputCap).usd();
    if (usd + worstCase > budget.maxUsd()) {
      return stop(StopReason.MAX_USD, String.format(java.util.Locale.ROOT,
          "the next request could cost up to %.4f USD, which would exceed the budget of %.4f USD (%.4f spent)",
          worstCase, budget.maxUsd(), usd));
    }
    return Optional.empty();
  }

  private Optional<AgentRun> stop(StopReason reason, String detail) {
    return Optional.of(finish(reason, detail, Optional.empty(), Optional.empty()));
  }

  private long estimateInputTokens() {
    long chars = specificationChars;
    for (ChatMessage m : messages) {
      chars += switch (m) {
        case SystemMessage s -> s.text().length();
        case UserMessage u -> u.hasSingleText() ? u.singleText().length() : u.toString().length();
        case ToolExecutionResultMessage t -> t.text().length() + 16;
        case AiMessage a -> (a.text() == null ? 0 : a.text().length())
            + a.toolExecutionRequests().stream().mapToLong(r -> r.name().length() + r.arguments().length() + 16).sum();
        default -> m.toString().length();
      };
      chars += 8;
    }
    return (long) Math.ceil(chars / CHARS_PER_TOKEN_ESTIMATE);
  }

  private Duration elapsed() {
    return Duration.between(start, settings.clock().instant());
  }

  private Duration remainingWall() {
    return budget.maxWall().minus(elapsed());
  }

  private String cancelReason() {
    return cancel.reason() != null ? cancel.reason() : "the thread was interrupted";
  }

  private void append(ChatMessage message) {
    messages.add(message);
    unsent.add(message);
  }

  private void addSpecification(String name, String description, JsonNode parameters) {
    specifications.add(ToolSpecification.builder()
        .name(name)
        .description(description)
        .parameters(JsonSchemas.toObjectSchema(name, parameters))
        .build());
    specificationChars += name.length() + description.length() + parameters.toString().length();
  }

  private Transcript.Turn turn(List<ChatMessage> sent, Instant startedAt, Instant finishedAt, AiMessage ai,
      String model, long in, long out, int attempts, List<Transcript.ToolCall> calls) {
    return new Transcript.Turn(steps, startedAt, finishedAt, sent.stream().map(Transcript::messageJson).toList(),
        Transcript.messageJson(ai), model, in, out, attempts, calls);
  }

  private AgentRun finish(StopReason reason, String detail, Optional<String> text, Optional<JsonNode> submitted) {
    return new AgentRun(reason, detail, text, submitted, steps, toolCalls, inputTokens, outputTokens, usd, priceKnown,
        elapsed(), transcript());
  }

  private Transcript transcript() {
    return new Transcript(Transcript.FORMAT, reportedModel != null ? reportedModel : settings.modelName(), turns);
  }

  /** The stop tool as a registry tool, so that its arguments are validated like any other tool's. */
  private record Submission(StopTool stop) implements Tool {
    @Override
    public String name() {
      return stop.name();
    }

    @Override
    public String description() {
      return stop.description();
    }

    @Override
    public JsonNode parameters() {
      return stop.parameters();
    }

    @Override
    public Permission permission() {
      return Permission.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments) {
      return ToolResult.Ok.of(JSON.createObjectNode().put("accepted", true));
    }
  }
}
