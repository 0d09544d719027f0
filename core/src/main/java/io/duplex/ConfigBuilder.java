package io.duplex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings shared by {@link Duplex.Builder} and servlet init-params. Every setter's name is the
 * init-param's name; {@link #set(String, String)} applies one by name and refuses names it does not
 * know, so a typo in web.xml fails at startup instead of being ignored. Defaults and meanings are in
 * the configuration table in README.md.
 */
public abstract class ConfigBuilder<B extends ConfigBuilder<B>> {
  /** Every name {@link #set} accepts, in the order of the README table. */
  public static final Set<String> NAMES =
      Set.copyOf(
          Arrays.asList(
              "debug",
              "allowedOrigins",
              "maxBodyBytes",
              "maxCallsPerBatch",
              "maxJsonDepth",
              "maxStringLength",
              "asyncCallTimeoutMillis",
              "reverseAjax",
              "streaming",
              "maxHoldMillis",
              "maxWaitAfterWriteMillis",
              "heartbeatMillis",
              "pollIntervalMillis",
              "ackIntervalMillis",
              "scriptSessionTimeoutMillis",
              "maxQueuedCalls",
              "maxQueuedBytes",
              "pageIncludesQuery"));

  boolean debug = false;
  List<String> allowedOrigins = new ArrayList<>();
  int maxBodyBytes = 1 << 20;
  int maxCallsPerBatch = 100;
  int maxJsonDepth = 32;
  int maxStringLength = 256 * 1024;
  long asyncCallTimeoutMillis = 10 * 60_000L;
  ReverseAjax reverseAjax = ReverseAjax.COMET;
  boolean streaming = true;
  long maxHoldMillis = 30_000;
  long maxWaitAfterWriteMillis = 0;
  long heartbeatMillis = 15_000;
  long pollIntervalMillis = 2_000;
  long ackIntervalMillis = 1_000;
  long scriptSessionTimeoutMillis = 30 * 60_000L;
  int maxQueuedCalls = 1_000;
  long maxQueuedBytes = 1 << 20;
  boolean pageIncludesQuery = false;

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Error details (exception type, message, stack) reach the browser. Off by default.
   *
   * @param debug true to send error details
   * @return this builder
   */
  public B debug(boolean debug) {
    this.debug = debug;
    return self();
  }

  /**
   * Origins (scheme://host[:port]) allowed besides the request's own host, e.g. a separate
   * front-end dev server. Calls from any other origin get {@code ORIGIN_REJECTED}.
   *
   * @param origins origins such as {@code http://localhost:5173}; blanks are skipped
   * @return this builder
   */
  public B allowedOrigins(String... origins) {
    for (String origin : origins) {
      String trimmed = origin.trim();
      if (!trimmed.isEmpty()) {
        allowedOrigins.add(trimmed.toLowerCase(Locale.ROOT).replaceAll("/+$", ""));
      }
    }
    return self();
  }

  /**
   * The largest request body accepted; a larger one gets {@code BODY_TOO_LARGE}. Default 1 MiB.
   *
   * @param bytes a positive size in bytes
   * @return this builder
   */
  public B maxBodyBytes(int bytes) {
    this.maxBodyBytes = positive("maxBodyBytes", bytes);
    return self();
  }

  /**
   * The most calls one request may carry; more get {@code TOO_MANY_CALLS}. Default 100.
   *
   * @param calls a positive count
   * @return this builder
   */
  public B maxCallsPerBatch(int calls) {
    this.maxCallsPerBatch = positive("maxCallsPerBatch", calls);
    return self();
  }

  /**
   * The deepest JSON nesting accepted in a request. Default 32.
   *
   * @param depth a positive depth
   * @return this builder
   */
  public B maxJsonDepth(int depth) {
    this.maxJsonDepth = positive("maxJsonDepth", depth);
    return self();
  }

  /**
   * The longest JSON string accepted in a request. Default 262144.
   *
   * @param chars a positive length in chars
   * @return this builder
   */
  public B maxStringLength(int chars) {
    this.maxStringLength = positive("maxStringLength", chars);
    return self();
  }

  /**
   * How reverse calls reach the browser; {@link ReverseAjax#COMET} by default.
   *
   * @param mode the mode
   * @return this builder
   */
  public B reverseAjax(ReverseAjax mode) {
    this.reverseAjax = mode;
    return self();
  }

  /**
   * Comet only: stream batches on one long response (true) or answer a long poll (false).
   *
   * @param streaming true to stream, false to long poll
   * @return this builder
   */
  public B streaming(boolean streaming) {
    this.streaming = streaming;
    return self();
  }

  /**
   * How long a call batch waits for the {@code CompletableFuture}s its methods returned; calls
   * still unfinished then answer {@code SERVER_ERROR}. Bounds what a future that never completes
   * holds on the server (the page's own call timeout usually fires first).
   *
   * @param millis a positive time in milliseconds
   * @return this builder
   */
  public B asyncCallTimeoutMillis(long millis) {
    this.asyncCallTimeoutMillis = positive("asyncCallTimeoutMillis", millis);
    return self();
  }

  /**
   * Comet only: how long a long poll or a stream is held before the page reconnects.
   *
   * @param millis a positive time in milliseconds
   * @return this builder
   */
  public B maxHoldMillis(long millis) {
    this.maxHoldMillis = positive("maxHoldMillis", millis);
    return self();
  }

  /**
   * Long poll only: after the first queued call, wait this long for more before answering.
   *
   * @param millis a time in milliseconds, 0 or more
   * @return this builder
   */
  public B maxWaitAfterWriteMillis(long millis) {
    this.maxWaitAfterWriteMillis = notNegative("maxWaitAfterWriteMillis", millis);
    return self();
  }

  /**
   * Streaming only: an idle stream writes a heartbeat this often.
   *
   * @param millis a positive period in milliseconds
   * @return this builder
   */
  public B heartbeatMillis(long millis) {
    this.heartbeatMillis = positive("heartbeatMillis", millis);
    return self();
  }

  /**
   * Polling only: how often a page asks for queued calls.
   *
   * @param millis a positive period in milliseconds
   * @return this builder
   */
  public B pollIntervalMillis(long millis) {
    this.pollIntervalMillis = positive("pollIntervalMillis", millis);
    return self();
  }

  /**
   * Streaming only: a page acknowledges what it ran at most this often.
   *
   * @param millis a positive period in milliseconds
   * @return this builder
   */
  public B ackIntervalMillis(long millis) {
    this.ackIntervalMillis = positive("ackIntervalMillis", millis);
    return self();
  }

  /**
   * A script session that has not been seen for this long is invalidated.
   *
   * @param millis a positive time in milliseconds
   * @return this builder
   */
  public B scriptSessionTimeoutMillis(long millis) {
    this.scriptSessionTimeoutMillis = positive("scriptSessionTimeoutMillis", millis);
    return self();
  }

  /**
   * Per page: unacknowledged reverse calls kept before the oldest are dropped (resync).
   *
   * @param calls a positive count
   * @return this builder
   */
  public B maxQueuedCalls(int calls) {
    this.maxQueuedCalls = positive("maxQueuedCalls", calls);
    return self();
  }

  /**
   * Per page: bytes of unacknowledged reverse calls kept before the oldest are dropped.
   *
   * @param bytes a positive size in bytes
   * @return this builder
   */
  public B maxQueuedBytes(long bytes) {
    this.maxQueuedBytes = positive("maxQueuedBytes", bytes);
    return self();
  }

  /**
   * Whether a page's query string is part of its page name for targeting.
   *
   * @param include true to include the query string
   * @return this builder
   */
  public B pageIncludesQuery(boolean include) {
    this.pageIncludesQuery = include;
    return self();
  }

  /**
   * Applies one setting by its name, as servlet init-params do.
   *
   * @param name a setting's name, e.g. {@code maxBodyBytes}
   * @param value its value as text, e.g. {@code 65536}
   * @return this builder
   * @throws IllegalArgumentException for an unknown name or a value of the wrong form
   */
  public B set(String name, String value) {
    String v = value == null ? "" : value.trim();
    try {
      switch (name) {
        case "debug" -> debug(bool(name, v));
        case "allowedOrigins" -> allowedOrigins(v.split(","));
        case "maxBodyBytes" -> maxBodyBytes(Integer.parseInt(v));
        case "maxCallsPerBatch" -> maxCallsPerBatch(Integer.parseInt(v));
        case "maxJsonDepth" -> maxJsonDepth(Integer.parseInt(v));
        case "maxStringLength" -> maxStringLength(Integer.parseInt(v));
        case "reverseAjax" -> reverseAjax(ReverseAjax.parse(v));
        case "streaming" -> streaming(bool(name, v));
        case "asyncCallTimeoutMillis" -> asyncCallTimeoutMillis(Long.parseLong(v));
        case "maxHoldMillis" -> maxHoldMillis(Long.parseLong(v));
        case "maxWaitAfterWriteMillis" -> maxWaitAfterWriteMillis(Long.parseLong(v));
        case "heartbeatMillis" -> heartbeatMillis(Long.parseLong(v));
        case "pollIntervalMillis" -> pollIntervalMillis(Long.parseLong(v));
        case "ackIntervalMillis" -> ackIntervalMillis(Long.parseLong(v));
        case "scriptSessionTimeoutMillis" -> scriptSessionTimeoutMillis(Long.parseLong(v));
        case "maxQueuedCalls" -> maxQueuedCalls(Integer.parseInt(v));
        case "maxQueuedBytes" -> maxQueuedBytes(Long.parseLong(v));
        case "pageIncludesQuery" -> pageIncludesQuery(bool(name, v));
        default ->
            throw new IllegalArgumentException(
                "Unknown Duplex setting '" + name + "'; known settings: " + new TreeSet<>(NAMES));
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Duplex setting '" + name + "' needs a number, got '" + value + "'", e);
    }
    return self();
  }

  /**
   * Applies every entry of {@code settings} with {@link #set}.
   *
   * @param settings names and values
   * @return this builder
   */
  public B setAll(Map<String, String> settings) {
    settings.forEach(this::set);
    return self();
  }

  DuplexConfig buildConfig() {
    return new DuplexConfig(this);
  }

  private static boolean bool(String name, String v) {
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("Duplex setting '" + name + "' needs true or false, got '" + v + "'");
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("Duplex setting '" + name + "' must be positive, got " + value);
    }
    return value;
  }

  private static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("Duplex setting '" + name + "' must be positive, got " + value);
    }
    return value;
  }

  private static long notNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("Duplex setting '" + name + "' must not be negative, got " + value);
    }
    return value;
  }
}
