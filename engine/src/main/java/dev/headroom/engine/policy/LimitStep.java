package dev.headroom.engine.policy;

/**
 * One tick of one limit over its keys together, in the order the service's policy loop and the
 * simulator's replay both run it:
 * <ol>
 *   <li>each key's own policy ({@link KeyPolicyState#tick}): static, schedule, reactive or the
 *       forecast band (predictive);</li>
 *   <li>lending, when on: keys forecast to be quiet lend rate to keys forecast to be busy
 *       ({@link Lending});</li>
 *   <li>surprise shedding, when configured and the backend is under pressure ({@link Pressure}):
 *       traffic furthest above its own forecast gives way first ({@link SurpriseShedding}).</li>
 * </ol>
 * Both callers hand it the same inputs (intervals, forecasts, states) and apply what it returns, so
 * a rate decision is the same in the service and in a replay of the same traffic.
 *
 * <p>Holds only the pressure's hold time between ticks: one instance per limit (per replay). Not
 * thread-safe; the policy thread or the replay owns it.
 */
public final class LimitStep {

  /**
   * @param capacityPerSecond what the limit's keys share (a capacity group, a backend); NaN when
   *                          there is none
   * @param lending           keys lend each other rate by forecast (needs a capacity)
   * @param surprise          surprise shedding; null for none
   */
  public record Settings(double capacityPerSecond, boolean lending, SurpriseConfig surprise) {
    public Settings {
      if (capacityPerSecond <= 0 || capacityPerSecond == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("limit step: capacity must be positive and finite (NaN for none), got "
            + capacityPerSecond);
      }
    }

    /** Each key on its own: no capacity, no lending, no shedding. */
    public static Settings separate() {
      return new Settings(Double.NaN, false, null);
    }
  }

  /** One key's part of a tick: its state, its policy, and what it saw and is forecast to see. */
  public record KeyTick(KeyPolicyState state, RatePolicy policy, double staticRate, Interval interval,
      ForecastView forecast) {}

  /**
   * What a tick decided, index by index with the keys.
   *
   * @param rates             the rate to put in force for each key (also its state's rate)
   * @param decisions         each key's own policy's decision, before lending and shedding
   * @param expectedPerSecond the forecast band's peak times the headroom over the look-ahead (the P99
   *                          band without surprise shedding); NaN without a usable forecast
   * @param surprise          recent demand over expected demand; NaN where expected is NaN
   * @param shed              true for keys whose rate surprise shedding lowered below their recent
   *                          demand this tick
   * @param pressure          whether the backend was under pressure
   */
  public record Outcome(double[] rates, RateDecision[] decisions, double[] expectedPerSecond, double[] surprise,
      boolean[] shed, boolean pressure) {}

  private final Settings settings;
  private final Pressure pressure = new Pressure();

  public LimitStep(Settings settings) {
    this.settings = settings;
  }

  /** Why the pressure was last signalled, for the admin API; empty before any. */
  public String pressureReason() {
    return pressure.reason();
  }

  /**
   * Runs the tick at {@code nowMillis}.
   *
   * @param lookAheadMillis how far ahead a forecast's expected demand is read (the refresh plus the
   *                        lead): the window the decided rates govern
   */
  public Outcome tick(long nowMillis, long lookAheadMillis, KeyTick[] keys) {
    int n = keys.length;
    double[] rates = new double[n];
    RateDecision[] decisions = new RateDecision[n];
    for (int k = 0; k < n; k++) {
      KeyTick key = keys[k];
      decisions[k] = key.state().tick(key.policy(), nowMillis, key.staticRate(), key.interval(), key.forecast());
      rates[k] = decisions[k].ratePerSecond();
    }
    long until = nowMillis + Math.max(1, lookAheadMillis);
    if (settings.lending() && n > 1 && Double.isFinite(settings.capacityPerSecond())) {
      lend(keys, rates, nowMillis, until);
    }
    double[] expected = new double[n];
    double[] surprise = new double[n];
    double[] recent = new double[n];
    boolean[] shed = new boolean[n];
    SurpriseConfig sc = settings.surprise();
    // Without surprise shedding, expected demand is still the P99 band: the caller uses it to keep a
    // flood from counting as normal volume.
    Quantile band = sc == null ? Quantile.P99 : sc.band();
    double bandHeadroom = sc == null ? 1.0 : sc.headroom();
    double total = 0;
    double admitted = 0;
    double p99 = Double.NaN;
    long failed = 0;
    long served = 0;
    for (int k = 0; k < n; k++) {
      Interval in = keys[k].interval();
      recent[k] = in.requestsPerSecond();
      total += recent[k];
      admitted += in.lengthMillis() == 0 ? 0 : in.admitted() * 1000.0 / in.lengthMillis();
      double latency = in.latencyP99Ms();
      if (!in.isEmpty() && !Double.isNaN(latency)) {
        p99 = Double.isNaN(p99) ? latency : Math.max(p99, latency);
      }
      failed += in.upstream5xx();
      served += in.admitted();
      expected[k] = usablePeak(keys[k].forecast(), band, nowMillis, until) * bandHeadroom;
      surprise[k] = SurpriseShedding.surprise(recent[k], expected[k]);
    }
    boolean underPressure = false;
    if (sc != null) {
      double errorRatio = served == 0 ? 0 : (double) failed / served;
      underPressure = pressure.update(sc, nowMillis, total, settings.capacityPerSecond(), p99, errorRatio);
      if (underPressure) {
        // Without a known capacity, what got through while the backend struggled, less a tenth.
        double budget = Double.isFinite(settings.capacityPerSecond()) ? settings.capacityPerSecond() : 0.9 * admitted;
        double[] after = SurpriseShedding.allocate(budget, recent, expected, rates, shed);
        for (int k = 0; k < n; k++) {
          if (after[k] < rates[k]) {
            keys[k].state().cap(after[k]);
            rates[k] = after[k];
          }
        }
      }
    }
    return new Outcome(rates, decisions, expected, surprise, shed, underPressure);
  }

  /**
   * Lending: a key's expected use is its forecast's P50 peak (its own rate when it has no usable
   * forecast); the policy's own memory is kept, so next tick each key decides afresh.
   */
  private void lend(KeyTick[] keys, double[] rates, long nowMillis, long until) {
    int n = keys.length;
    double[] staticRates = new double[n];
    double[] expected = rates.clone();
    for (int k = 0; k < n; k++) {
      staticRates[k] = keys[k].staticRate();
      double p50 = usablePeak(keys[k].forecast(), Quantile.P50, nowMillis, until);
      if (Double.isFinite(p50)) {
        expected[k] = p50;
      }
    }
    double[] lent = Lending.lend(settings.capacityPerSecond(), staticRates, expected, rates);
    for (int k = 0; k < n; k++) {
      keys[k].state().set(lent[k]);
      rates[k] = lent[k];
    }
  }

  /** The forecast's peak of {@code line} per second over [from, until), or NaN when it is not usable. */
  static double usablePeak(ForecastView f, Quantile line, long fromMillis, long untilMillis) {
    if (f == null || f.fallback()) {
      return Double.NaN;
    }
    double peak = f.peakPerSecond(line, fromMillis, untilMillis);
    return Double.isFinite(peak) && peak >= 0 ? peak : Double.NaN;
  }
}
