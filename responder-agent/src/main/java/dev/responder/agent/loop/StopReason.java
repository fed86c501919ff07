package dev.responder.agent.loop;

/** Why an agent run ended. */
public enum StopReason {
  /** The model answered without asking for a tool. */
  ANSWERED,
  /** The model called the stop tool with valid arguments; they are the result. */
  STOP_TOOL,
  MAX_STEPS,
  MAX_INPUT_TOKENS,
  MAX_OUTPUT_TOKENS,
  MAX_WALL_TIME,
  MAX_USD,
  /** The caller cancelled the run or interrupted its thread. */
  CANCELLED,
  /** The provider failed permanently, or transiently more often than the retry policy allows. */
  PROVIDER_ERROR;

  /** Whether the model finished on its own, as opposed to being stopped. */
  public boolean completed() {
    return this == ANSWERED || this == STOP_TOOL;
  }

  /** Whether a budget limit ended the run. */
  public boolean budgetExhausted() {
    return switch (this) {
      case MAX_STEPS, MAX_INPUT_TOKENS, MAX_OUTPUT_TOKENS, MAX_WALL_TIME, MAX_USD -> true;
      case ANSWERED, STOP_TOOL, CANCELLED, PROVIDER_ERROR -> false;
    };
  }
}
