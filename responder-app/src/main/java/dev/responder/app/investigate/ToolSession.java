package dev.responder.app.investigate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.agent.tool.ToolRegistry;
import dev.responder.agent.tool.ToolResult;
import dev.responder.core.incident.Evidence;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One agent's access to its scoped tools. Every call gets an id ({@code performance#3}) so that each piece of
 * evidence can point to the call that produced it; calls are counted for the cost.
 */
public final class ToolSession {
  private final ToolRegistry tools;
  private final InstantSource clock;
  private final ProgressListener progress;
  private final AtomicInteger calls = new AtomicInteger();

  public ToolSession(ToolRegistry tools, InstantSource clock, ProgressListener progress) {
    this.tools = Objects.requireNonNull(tools, "tools");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** One recorded call and its result. */
  public record Call(String id, String tool, JsonNode arguments, ToolResult result) {
    public boolean ok() {
      return result instanceof ToolResult.Ok;
    }

    /** The result's data, or an empty object when the call failed. */
    public JsonNode data() {
      return switch (result) {
        case ToolResult.Ok ok -> ok.data();
        case ToolResult.Failed f -> JsonNodeFactory.instance.objectNode();
      };
    }
  }

  public Call call(String tool, JsonNode arguments) {
    String id = tools.owner() + "#" + calls.incrementAndGet();
    progress.on(tools.owner(), tool + " " + arguments);
    ToolResult r = tools.call(tool, arguments);
    if (r instanceof ToolResult.Failed f) {
      progress.on(tools.owner(), tool + " failed: " + f.messageForModel());
    }
    return new Call(id, tool, arguments, r);
  }

  /** Calls {@code tool} with {@code key, value, ...} arguments; values keep their JSON type (string, int, double, boolean). */
  public Call call(String tool, Object... keyValues) {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      String key = keyValues[i].toString();
      switch (keyValues[i + 1]) {
        case null -> { }
        case Integer n -> args.put(key, n);
        case Double d -> args.put(key, d);
        case Boolean b -> args.put(key, b);
        default -> args.put(key, keyValues[i + 1].toString());
      }
    }
    return call(tool, args);
  }

  /** Evidence produced by {@code call}: the claim, whether it supports the hypothesis, and how strongly. */
  public Evidence evidence(Call call, String claim, boolean supports, double weight) {
    return new Evidence(clock.instant(), claim, call.tool(), call.arguments() + " [" + call.id() + "]", supports,
        Math.max(0, Math.min(1, weight)));
  }

  public ToolRegistry registry() {
    return tools;
  }

  public String owner() {
    return tools.owner();
  }

  public int calls() {
    return calls.get();
  }

  public void progress(String what) {
    progress.on(tools.owner(), what);
  }
}
