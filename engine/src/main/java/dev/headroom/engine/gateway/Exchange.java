/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import dev.headroom.engine.clock.Clock;
import dev.headroom.engine.config.DurationText;
import dev.headroom.engine.config.UpstreamConfig;
import dev.headroom.engine.service.CheckResult;
import dev.headroom.engine.service.Engine;
import dev.headroom.engine.service.HttpRequestView;
import dev.headroom.engine.service.OnceLog;
import dev.headroom.engine.service.RateLimitHeaders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/**
 * One admitted request on its way to the upstream and back: paced to the provider quota (if any),
 * sent with its body streamed under back-pressure, retried after the provider's 429 as its
 * Retry-After says, and the answer streamed back with our RateLimit headers added.
 *
 * <p>Retrying needs the body twice, so on an upstream that retries a body of known length up to
 * {@link #MAX_REPLAY_BYTES} is read into memory first (after admission, so waiting requests hold no
 * bodies); a larger or chunked body is streamed once and its 429 goes back to the caller.
 */
final class Exchange {

  static final long MAX_REPLAY_BYTES = 1 << 20;
  private static final long MS = 1_000_000L;

  private final Vertx vertx;
  private final HttpClient client;
  private final Engine engine;
  private final Clock clock;
  private final UpstreamRoute route;
  private final HttpServerRequest req;
  private final CheckResult admission;
  /** The normalised path and the client as the gateway trusts them. */
  private final HttpRequestView view;
  private final boolean fromTrustedProxy;
  private final OnceLog log;
  private final boolean hasBody;
  private Buffer body;
  private int attempts;
  private long sentAt;

  Exchange(Vertx vertx, HttpClient client, Engine engine, Clock clock, UpstreamRoute route,
      HttpServerRequest req, HttpRequestView view, boolean fromTrustedProxy, CheckResult admission, OnceLog log) {
    this.view = view;
    this.fromTrustedProxy = fromTrustedProxy;
    this.log = log;
    this.vertx = vertx;
    this.client = client;
    this.engine = engine;
    this.clock = clock;
    this.route = route;
    this.req = req;
    this.admission = admission;
    this.hasBody = Requests.hasBody(req);
  }

  private boolean released; // event-loop confined, like the rest of the exchange

  private void releaseOnce() {
    if (!released) {
      released = true;
      try {
        engine.release(admission, 1);
      } catch (IllegalStateException e) {
        // The slot is gone already (the limit was reloaded under the request): nothing to give back.
        log.log("release " + admission.limitName(), "gateway release: " + OnceLog.describe(e));
      }
    }
  }

  /** Runs the exchange; the request was admitted and its arrival-based deadline is {@code deadline}. */
  void start(long deadline) {
    // A concurrency limit holds its slot until the caller's response is over, however it ends.
    req.response().endHandler(v -> releaseOnce());
    req.response().closeHandler(v -> releaseOnce());
    long length = Requests.contentLength(req);
    if (hasBody && route.config.retry().maxAttempts() > 1 && length >= 0 && length <= MAX_REPLAY_BYTES) {
      req.body().onSuccess(b -> {
        body = b;
        attempt(deadline);
      }).onFailure(this::fail);
      Requests.discardBody(req);   // with body()'s handler set, "discarding" lets the body flow into the buffer
    } else {
      attempt(deadline);
    }
  }

  private void attempt(long deadline) {
    attempts++;
    Future<Void> slot = route.gate == null
        ? Future.succeededFuture()
        : route.gate.acquire(deadline, () -> req.response().closed());
    slot.onSuccess(v -> send()).onFailure(this::fail);
  }

  private void send() {
    if (req.response().closed()) {
      fail(GatewayRejection.CLIENT_GONE);
      return;
    }
    sentAt = clock.nanos();
    client.request(route.requestOptions(req, view.path())).onSuccess(this::write).onFailure(this::fail);
  }

  private void write(HttpClientRequest out) {
    ProxyHeaders.copyRequest(req.headers(), out.headers());
    ProxyHeaders.addForwarded(out.headers(), fromTrustedProxy, HttpRequestView.remoteIp(req),
        req.authority() == null ? null : req.authority().toString(), req.scheme());
    // No timer of our own: the request's idle timeout (UpstreamRoute.requestOptions) already arms
    // one per request, and fails the answer with a TimeoutException that fail() turns into a 504.
    req.response().closeHandler(v -> {
      out.reset();
      releaseOnce();
    });
    Future<HttpClientResponse> answer;
    if (body != null) {
      answer = out.send(body);
    } else if (hasBody && attempts == 1) {
      answer = out.send(req);   // a pipe: the upstream's back-pressure pauses the caller's upload
    } else {
      Requests.discardBody(req);
      answer = out.send();
    }
    answer.onSuccess(this::onResponse).onFailure(this::fail);
  }

  private void onResponse(HttpClientResponse resp) {
    int status = resp.statusCode();
    String header = resp.getHeader("Retry-After");
    OptionalLong retryAfter = RetryAfter.delayNanos(header, clock.nanos());
    boolean pushBack = status == 429 || (status == 503 && retryAfter.isPresent());
    if (pushBack) {
      if (route.gate != null) {
        route.gate.pacer().onPushBack(sentAt, retryAfter.orElse(0));
      }
      UpstreamConfig.Retry retry = route.config.retry();
      long wait = retryAfter.orElse(retry.backoff().toNanos());
      boolean replayable = !hasBody || body != null;
      if (attempts < retry.maxAttempts() && replayable && wait <= retry.maxRetryAfter().toNanos()
          && !req.response().closed()) {
        resp.body().onComplete(ignored -> vertx.setTimer(Math.max(1, Math.ceilDiv(wait, MS)),
            id -> attempt(clock.nanos() + route.config.maxWait().toNanos())));
        return;
      }
    }
    relay(resp);
  }

  /** Streams the upstream's answer back: status, end-to-end headers, body, plus our RateLimit headers. */
  private void relay(HttpClientResponse resp) {
    if (admission.matched()) {
      engine.recordLatency(admission.key(), clock.nanos() - sentAt);
    }
    HttpServerResponse out = req.response();
    if (out.closed()) {
      resp.request().reset();
      return;
    }
    out.setStatusCode(resp.statusCode());
    if (resp.statusMessage() != null) {
      out.setStatusMessage(resp.statusMessage());
    }
    ProxyHeaders.copyResponse(resp.headers(), out.headers());
    RateLimitHeaders.put(out.headers(), admission);
    if (!out.headers().contains("Content-Length") && !bodiless(resp.statusCode())) {
      out.setChunked(true);
    }
    // endOnFailure(false): a body cut short upstream must not look complete to the caller.
    resp.pipe().endOnFailure(false).to(out).onFailure(err -> {
      if (!out.ended() && !out.closed()) {
        out.reset();
      }
    });
  }

  private boolean bodiless(int status) {
    return req.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
  }

  private void fail(Throwable cause) {
    if (cause instanceof GatewayRejection r) {
      Replies.reject(req, r);
      return;
    }
    // The caller learns what kind of failure it was, not the upstream's address nor our exception
    // names; the operator gets the detail in the log, once per upstream and kind.
    boolean timeout = cause instanceof TimeoutException;
    log.log(route.name() + " " + cause.getClass().getName(), "upstream '" + route.name() + "' (" + route.config.url()
        + ") " + (timeout ? "did not answer within " + DurationText.format(route.config.timeout())
        : "failed: " + OnceLog.describe(cause)));
    Replies.reject(req, timeout
        ? GatewayRejection.upstream(504, "the upstream did not answer in time")
        : GatewayRejection.upstream(502, "the upstream could not be reached or failed"));
  }
}
