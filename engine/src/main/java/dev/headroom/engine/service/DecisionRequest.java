package dev.headroom.engine.service;

import dev.headroom.engine.config.RequestView;
import io.vertx.core.json.JsonObject;
import dev.headroom.engine.config.Suggest;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One check of the decision API, already validated: {@code {"key": "...", "cost": 1}} or the
 * descriptor form {@code {"descriptors": {"X-Api-Key": "...", "path": "/orders", "tenant": "acme"}}}.
 * Descriptors answer the matcher's questions: a header by its name (any case), the client IP as
 * {@code clientIp}, the route as {@code path}, and any other field by name.
 */
record DecisionRequest(JsonObject body, JsonObject descriptors, long cost) implements RequestView {

  /** Largest cost one request may ask for; anything above is a client bug, not a request. */
  static final long MAX_COST = 1_000_000_000L;
  /** Longest key, descriptor value or other field value: a bucket key is an identifier, not a payload. */
  static final int MAX_VALUE_LENGTH = 1024;
  /** Longest descriptor name (a header name, {@code clientIp}, {@code path}...). */
  static final int MAX_NAME_LENGTH = 256;
  /** Most descriptors in one check; the matcher reads a handful. */
  static final int MAX_DESCRIPTORS = 64;

  /**
   * Validates one check object; throws {@link BadRequest} naming the field. {@code known} lists the
   * body fields the configuration reads (see {@link BodyFields}); any other field is refused.
   */
  static DecisionRequest of(Object json, String where, Set<String> known) {
    if (!(json instanceof JsonObject body)) {
      throw new BadRequest(where + " must be a JSON object");
    }
    for (String field : body.fieldNames()) {
      if (!known.contains(field)) {
        throw new BadRequest(where + ": unknown field " + io.vertx.core.json.Json.encode(clip(field))
            + Suggest.didYouMean(clip(field), known) + "; known fields: " + String.join(", ", new TreeSet<>(known)));
      }
      if (!BodyFields.BUILT_IN.contains(field)) {
        scalar(body.getValue(field), where + "." + field);
      }
    }
    Object key = body.getValue("key");
    if (key != null && !(key instanceof String)) {
      throw new BadRequest(where + ".key must be a string");
    }
    if (key != null && ((String) key).length() > MAX_VALUE_LENGTH) {
      throw new BadRequest(where + ".key is longer than " + MAX_VALUE_LENGTH + " characters");
    }
    Object d = body.getValue("descriptors");
    if (d != null && !(d instanceof JsonObject)) {
      throw new BadRequest(where + ".descriptors must be an object of names to strings");
    }
    JsonObject descriptors = d == null ? new JsonObject() : (JsonObject) d;
    if (descriptors.size() > MAX_DESCRIPTORS) {
      throw new BadRequest(where + ".descriptors has " + descriptors.size() + " entries; at most " + MAX_DESCRIPTORS);
    }
    for (String name : descriptors.fieldNames()) {
      if (name.length() > MAX_NAME_LENGTH) {
        throw new BadRequest(where + ".descriptors has a name longer than " + MAX_NAME_LENGTH + " characters");
      }
      scalar(descriptors.getValue(name), where + ".descriptors." + name);
    }
    if ((key == null || ((String) key).isEmpty()) && descriptors.isEmpty()) {
      throw new BadRequest(where + ": give a non-empty \"key\" or \"descriptors\"");
    }
    return new DecisionRequest(body, descriptors, cost(body.getValue("cost", 1), where + ".cost"));
  }

  /**
   * A whole number in [1, MAX_COST]. A double is checked before any conversion: 1e300 is "whole" as
   * a double, and its long value would be Long.MAX_VALUE.
   */
  private static long cost(Object c, String where) {
    String range = " must be a whole number between 1 and " + MAX_COST + ", got ";
    if (c instanceof Integer || c instanceof Long || c instanceof Short || c instanceof Byte) {
      long v = ((Number) c).longValue();
      if (v >= 1 && v <= MAX_COST) {
        return v;
      }
    } else if (c instanceof Number n && !(c instanceof java.math.BigInteger)) {
      double v = n.doubleValue();
      if (v >= 1 && v <= MAX_COST && v == Math.rint(v)) {
        return (long) v;
      }
    }
    throw new BadRequest(where + range + clip(String.valueOf(c)));
  }

  /** A descriptor or field value: a string, number or boolean of bounded length. */
  private static void scalar(Object v, String where) {
    if (v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray) {
      throw new BadRequest(where + " must be a string, a number or a boolean");
    }
    if (v instanceof String s && s.length() > MAX_VALUE_LENGTH) {
      throw new BadRequest(where + " is longer than " + MAX_VALUE_LENGTH + " characters");
    }
  }

  /** A client's text in a message, cut short: messages echo input, they must not echo a megabyte. */
  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
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
