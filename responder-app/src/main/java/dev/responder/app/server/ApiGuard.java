package dev.responder.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.error.ResponderException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every JSON route of the API shares: bearer-token authorization with the two roles, JSON replies, and the
 * mapping of refusals to 4xx and of store failures to 5xx with {@code {"error": "..."}}.
 *
 * <p>A token is read from {@code Authorization: Bearer TOKEN}; on reads (GET) also from the
 * {@value #TOKEN_COOKIE} cookie the web UI sets for what it cannot add a header to (its event stream, a postmortem
 * opened on its own page), so a token never travels in a URL; and from the {@code access_token} query parameter for
 * other clients that cannot set headers. A cookie never authorizes a change (POST), so a cross-site request cannot
 * approve anything. With no tokens configured every caller is a {@link Role#RESPONDER}.
 */
public final class ApiGuard {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_LIMIT = 1000;
  static final int DEFAULT_LIMIT = 100;
  /** The cookie the web UI keeps its token in, accepted on reads only. */
  public static final String TOKEN_COOKIE = "responder_token";

  private final ApiTokens tokens;

  public ApiGuard(ApiTokens tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /** One route's work: reads the request, returns the JSON reply, throws {@link ApiRejection} to refuse. */
  @FunctionalInterface
  public interface Endpoint {
    JsonNode handle(Context ctx, Role caller);
  }

  public ApiTokens tokens() {
    return tokens;
  }

  /** A Javalin handler that authorizes the caller for {@code needed}, runs the endpoint and writes its JSON. */
  public Handler json(Role needed, Endpoint endpoint) {
    return ctx -> serve(ctx, needed, endpoint);
  }

  private void serve(Context ctx, Role needed, Endpoint endpoint) throws JsonProcessingException {
    int status = 200;
    JsonNode body;
    try {
      body = endpoint.handle(ctx, authorize(ctx, needed));
    } catch (ApiRejection e) {
      status = e.status();
      body = error(e.getMessage());
    } catch (ResponderException e) {
      status = e.retryable() ? 503 : 500;
      body = error(e.getMessage());
    }
    ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
  }

  /**
   * The caller's role, or an {@link ApiRejection}: 401 without a known token, 403 for a viewer on a route that
   * needs a responder.
   */
  public Role authorize(Context ctx, Role needed) {
    if (!tokens.enabled()) {
      return Role.RESPONDER;
    }
    String header = ctx.header("Authorization");
    String presented;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = header.substring(7).trim();
    } else if (isRead(ctx) && ctx.cookie(TOKEN_COOKIE) != null) {
      presented = ctx.cookie(TOKEN_COOKIE);
    } else if (ctx.queryParam("access_token") != null) {
      presented = ctx.queryParam("access_token");
    } else {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiRejection(401, "missing bearer token: send 'Authorization: Bearer TOKEN'");
    }
    Role role = tokens.roleOf(presented).orElseThrow(() -> {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return new ApiRejection(401, "unknown bearer token");
    });
    if (needed == Role.RESPONDER && role != Role.RESPONDER) {
      throw new ApiRejection(403, "role " + role + " may not " + ctx.method() + " " + ctx.path() + "; needs " + needed);
    }
    return role;
  }

  private static boolean isRead(Context ctx) {
    return HandlerType.GET.equals(ctx.method()) || HandlerType.HEAD.equals(ctx.method());
  }

  /** A {@code limit} query parameter in 1..1000, 100 when absent. */
  static int limit(String param) {
    if (param == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(param.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    throw ApiRejection.badRequest("limit must be an integer in 1.." + MAX_LIMIT + " but was '" + param + "'");
  }

  static <E extends Enum<E>> E parseEnum(String what, String name, Class<E> type) {
    try {
      return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiRejection.badRequest("unknown " + what + " '" + name + "'; known: " + EnumSet.allOf(type));
    }
  }

  static <T> T parse(String what, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw ApiRejection.badRequest("bad " + what + " '" + value + "': " + e.getMessage());
    }
  }

  static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", String.valueOf(message));
  }
}
