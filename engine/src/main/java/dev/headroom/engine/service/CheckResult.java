package dev.headroom.engine.service;

/**
 * The answer to one check: the decision and what the HTTP layer needs for its JSON body and its
 * {@code RateLimit}, {@code RateLimit-Policy} and {@code Retry-After} headers.
 *
 * @param allowed      whether to serve the request
 * @param limitName    the configured limit that matched ({@code null} when none did)
 * @param key          the bucket key (limit name and descriptor values)
 * @param limit        the limit's capacity (burst, quota, window limit)
 * @param remaining    what is left after this request
 * @param resetMillis  time until the limit is back to full
 * @param retryAfterMillis time until this request would be admitted (0 when allowed)
 * @param windowSeconds the policy window for {@code RateLimit-Policy} ({@code w=})
 * @param policy       the policy in force, such as {@code predictive+reactive}
 * @param shadow       true when the limit's policy runs in shadow mode and would have refused this
 *                     request (whatever the enforced limit decided)
 * @param shed         true when the request was refused for its priority class (the bucket still had tokens)
 * @param dryRun       true when the limit runs as a dry run and admitted this request only because
 *                     of that: enforced, it would have been refused
 * @param reason       why a refusal is not an ordinary one: {@code "key-capacity"} when the limit
 *                     held {@code maxKeys} busy keys and had no room for this new one; else null
 */
public record CheckResult(boolean allowed, String limitName, String key, long limit, long remaining,
    long resetMillis, long retryAfterMillis, long windowSeconds, String policy, boolean shadow, boolean shed,
    boolean dryRun, String reason) {

  /** {@link #reason} of a refusal for want of room for a new key. */
  public static final String KEY_CAPACITY = LimitRuntime.KEY_CAPACITY;

  /** No configured limit matched: nothing to enforce. */
  public static CheckResult unmatched() {
    return new CheckResult(true, null, null, 0, 0, 0, 0, 0, "none", false, false, false, null);
  }

  public boolean matched() {
    return limitName != null;
  }

  /** True when the request was refused (or, in a dry run, would have been) for want of room for its key. */
  public boolean keyCapacity() {
    return KEY_CAPACITY.equals(reason);
  }
}
