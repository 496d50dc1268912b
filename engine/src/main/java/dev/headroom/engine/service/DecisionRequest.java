package dev.headroom.engine.service;

import dev.headroom.engine.config.RequestView;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One check of the decision API, already validated: {@code {"key": "...", "cost": 1}} or the
 * descriptor form {@code {"descriptors": {"X-Api-Key": "...", "path": "/orders", "tenant": "acme"}}}.
 * Descriptors answer the matcher's questions: a header by its name (any case), the client IP as
 * {@code clientIp}, the route as {@code path}, and any other field by name.
 */
record DecisionRequest(JsonObject body, JsonObject descriptors, long cost) implements RequestView {

  /** Largest cost one request may ask for; anything above is a client bug, not a request. */
  static final long MAX_COST = 1_000_000_000L;

  /** Validates one check object; throws {@link BadRequest} naming the field. */
  static DecisionRequest of(Object json, String where) {
    if (!(json instanceof JsonObject body)) {
      throw new BadRequest(where + " must be a JSON object");
    }
    Object key = body.getValue("key");
    if (key != null && !(key instanceof String)) {
      throw new BadRequest(where + ".key must be a string");
    }
    Object d = body.getValue("descriptors");
    if (d != null && !(d instanceof JsonObject)) {
      throw new BadRequest(where + ".descriptors must be an object of names to strings");
    }
    JsonObject descriptors = d == null ? new JsonObject() : (JsonObject) d;
    if ((key == null || ((String) key).isEmpty()) && descriptors.isEmpty()) {
      throw new BadRequest(where + ": give a non-empty \"key\" or \"descriptors\"");
    }
    Object c = body.getValue("cost", 1);
    if (!(c instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new BadRequest(where + ".cost must be a whole number, got " + c);
    }
    // Range-checked as a double: longValue() keeps only the low 64 bits of a larger integer.
    if (n.doubleValue() < 1 || n.doubleValue() > MAX_COST) {
      throw new BadRequest(where + ".cost must be between 1 and " + MAX_COST + ", got " + c);
    }
    long cost = n.longValue();
    return new DecisionRequest(body, descriptors, cost);
  }

  @Override
  public String header(String name) {
    String exact = descriptors.getString(name);
    if (exact != null) {
      return exact;
    }
    for (String field : descriptors.fieldNames()) {
      if (field.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return string(descriptors.getValue(field));
      }
    }
    return null;
  }

  @Override
  public String clientIp() {
    return string(descriptors.getValue("clientIp"));
  }

  @Override
  public String path() {
    return string(descriptors.getValue("path"));
  }

  @Override
  public String jsonField(String name) {
    Object v = body.getValue(name);
    return v != null ? string(v) : string(descriptors.getValue(name));
  }

  private static String string(Object v) {
    return v == null ? null : v instanceof String s ? s : String.valueOf(v);
  }

  /** A client error: HTTP 400 with this message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
