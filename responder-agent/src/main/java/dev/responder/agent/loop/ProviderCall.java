package dev.responder.agent.loop;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.responder.core.error.ResponderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One model call with retries. The call runs on a virtual thread so that cancellation and the wall budget can
 * abandon it while it is in flight.
 */
final class ProviderCall {

  /** What came of a call: a response after some attempts, or the reason the run must stop. */
  sealed interface Outcome permits Answered, Stopped {}

  record Answered(ChatResponse response, int attempts) implements Outcome {}

  record Stopped(StopReason reason, String detail, int attempts) implements Outcome {}

  private static final Duration POLL = Duration.ofMillis(20);

  private final ChatModel model;
  private final RetryPolicy retry;
  private final CancellationToken cancel;
  private final Supplier<Duration> remainingWall;

  ProviderCall(ChatModel model, RetryPolicy retry, CancellationToken cancel, Supplier<Duration> remainingWall) {
    this.model = model;
    this.retry = retry;
    this.cancel = cancel;
    this.remainingWall = remainingWall;
  }

  Outcome call(ChatRequest request) {
    for (int attempt = 1; ; attempt++) {
      Object result = once(request);
      if (result instanceof ChatResponse response) {
        return new Answered(response, attempt);
      }
      if (result instanceof Stopped stopped) {
        return new Stopped(stopped.reason(), stopped.detail(), attempt);
      }
      Throwable error = (Throwable) result;
      if (!isTransient(error)) {
        return new Stopped(StopReason.PROVIDER_ERROR, "the model provider failed: " + describe(error), attempt);
      }
      if (attempt >= retry.maxAttempts()) {
        return new Stopped(StopReason.PROVIDER_ERROR, "the model provider failed transiently " + attempt
            + " times; last error: " + describe(error), attempt);
      }
      Duration wait = retry.backoff(attempt);
      if (wait.compareTo(remainingWall.get()) >= 0) {
        return new Stopped(StopReason.MAX_WALL_TIME, "no wall time left to wait " + wait + " before retrying after: "
            + describe(error), attempt);
      }
      try {
        retry.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Stopped(StopReason.CANCELLED, "interrupted while waiting to retry", attempt);
      }
      if (cancel.isCancelled()) {
        return new Stopped(StopReason.CANCELLED, "cancelled: " + cancel.reason(), attempt);
      }
    }
  }

  /** A ChatResponse, a Stopped, or the Throwable the model threw. */
  private Object once(ChatRequest request) {
    FutureTask<ChatResponse> task = new FutureTask<>(() -> model.chat(request));
    Thread.ofVirtual().name("agent-model-call").start(task);
    while (true) {
      if (cancel.isCancelled()) {
        task.cancel(true);
        return new Stopped(StopReason.CANCELLED, "cancelled during a model call: " + cancel.reason(), 0);
      }
      Duration left = remainingWall.get();
      if (left.isNegative() || left.isZero()) {
        task.cancel(true);
        return new Stopped(StopReason.MAX_WALL_TIME, "the wall-time budget ran out during a model call", 0);
      }
      try {
        Duration slice = left.compareTo(POLL) < 0 ? left : POLL;
        return task.get(slice.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // still running: check cancellation and the wall budget again
      } catch (InterruptedException e) {
        task.cancel(true);
        Thread.currentThread().interrupt();
        return new Stopped(StopReason.CANCELLED, "interrupted during a model call", 0);
      } catch (ExecutionException e) {
        return e.getCause() == null ? e : e.getCause();
      }
    }
  }

  static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RetriableException || t instanceof IOException || t instanceof UncheckedIOException
          || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
      if (t instanceof HttpException http) {
        int s = http.statusCode();
        return s == 408 || s == 429 || s >= 500;
      }
      if (t instanceof ResponderException r) {
        return r.retryable();
      }
    }
    return false;
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + abbreviate(message));
  }

  private static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }
}
