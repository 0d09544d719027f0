package io.duplex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every Duplex setting, declared once: name, default, accepted values and meaning. The builder's
 * methods, {@link DuplexConfig}'s accessors, servlet init-params, Spring properties and README's
 * configuration table all derive from these declarations (a test keeps README's table equal to
 * them). Add a setting here, then its one-line setter in {@link ConfigBuilder} and accessor in
 * {@link DuplexConfig}.
 */
public final class Settings {
  private static final Map<String, Setting<?>> BY_NAME = new LinkedHashMap<>();

  /** Error details (exception class, message, stack trace) reach the browser. */
  public static final Setting<Boolean> DEBUG =
      bool("debug", false, "error details (exception class, message, stack trace) reach the browser; the debug page (`{base}/debug/`) and TypeScript typings (`{base}/types/`) are served");

  /** Origins allowed besides the request's own. */
  public static final Setting<List<String>> ALLOWED_ORIGINS =
      add(
          new Setting<>(
              "allowedOrigins",
              List.of(),
              "comma-separated origins such as https://app.example.com",
              "comma-separated origins allowed besides the request's own",
              Settings::origins,
              List::copyOf));

  /** Host names the server answers to; empty: any. */
  public static final Setting<List<String>> ALLOWED_HOSTS =
      add(
          new Setting<>(
              "allowedHosts",
              List.of(),
              "comma-separated host[:port] names such as app.example.com,localhost:8080",
              "comma-separated `host[:port]` names the server answers to (`Host` header); others get"
                  + " `HOST_REJECTED`. Set it on public deployments: it closes DNS rebinding"
                  + " ([docs/security.md](docs/security.md))",
              Settings::hosts,
              Settings::checkHosts));

  /** Largest request body. */
  public static final Setting<Integer> MAX_BODY_BYTES =
      positiveInt("maxBodyBytes", 1 << 20, "largest request body");

  /** Longest a request body may take to arrive. */
  public static final Setting<Long> BODY_TIMEOUT_MILLIS =
      positiveMillis(
          "bodyTimeoutMillis",
          10_000L,
          "longest a request body may take to arrive; a slower one is answered `REQUEST_TIMEOUT` (408) and"
              + " its connection closed. Bodies are read without holding a thread; keep this below the"
              + " container's idle timeout");

  /** Most calls in one request. */
  public static final Setting<Integer> MAX_CALLS_PER_BATCH =
      positiveInt("maxCallsPerBatch", 100, "most calls in one request");

  /** Deepest JSON nesting in a request. */
  public static final Setting<Integer> MAX_JSON_DEPTH =
      positiveInt("maxJsonDepth", 32, "deepest JSON nesting in a request");

  /** Longest JSON string in a request. */
  public static final Setting<Integer> MAX_STRING_LENGTH =
      positiveInt("maxStringLength", 256 * 1024, "longest JSON string in a request");

  /** How long a batch waits for the futures its methods returned. */
  public static final Setting<Long> ASYNC_CALL_TIMEOUT_MILLIS =
      positiveMillis(
          "asyncCallTimeoutMillis",
          10 * 60_000L,
          "how long a batch waits for the `CompletableFuture`s its methods returned; calls still"
              + " unfinished then answer `SERVER_ERROR`");

  /** The delivery mode of reverse calls. */
  public static final Setting<ReverseAjax> REVERSE_AJAX =
      add(
          new Setting<>(
              "reverseAjax",
              ReverseAjax.COMET,
              "one of comet, polling, piggyback, websocket",
              "`comet`, `polling`, `piggyback` or `websocket` (one WebSocket per page; needs the container's"
                  + " Jakarta WebSocket support, falls back to comet streaming where the upgrade fails)",
              ReverseAjax::parse,
              UnaryOperator.identity()));

  /** Comet: stream or long poll. */
  public static final Setting<Boolean> STREAMING =
      bool("streaming", true, "comet: stream (`true`) or long poll (`false`)");

  /** Held modes: the tabs of one site share one held connection. */
  public static final Setting<Boolean> SHARE_CONNECTION =
      bool(
          "shareConnection",
          true,
          "comet and websocket: the tabs of one site (origin and Duplex path) in one browser share one held"
              + " connection, opened by one tab for all (Web Locks + BroadcastChannel); `false`: one per tab");

  /** Comet: how long a long poll or stream is held. */
  public static final Setting<Long> MAX_HOLD_MILLIS =
      positiveMillis(
          "maxHoldMillis", 30_000L, "comet: how long a long poll or stream is held before the page reconnects");

  /** Long poll: wait after the first queued call for more. */
  public static final Setting<Long> MAX_WAIT_AFTER_WRITE_MILLIS =
      add(
          new Setting<>(
              "maxWaitAfterWriteMillis",
              0L,
              "a whole number of milliseconds, 0 or more",
              "long poll: after the first queued call, wait this long for more",
              Long::parseLong,
              v -> atLeast("maxWaitAfterWriteMillis", v, 0)));

  /** Streaming: heartbeat period. */
  public static final Setting<Long> HEARTBEAT_MILLIS =
      positiveMillis("heartbeatMillis", 15_000L, "streaming: heartbeat period on an idle stream");

  /** Polling: period of a page's polls. */
  public static final Setting<Long> POLL_INTERVAL_MILLIS =
      positiveMillis("pollIntervalMillis", 2_000L, "polling: period of a page's polls");

  /**
   * Streaming and websocket: how often a page acknowledges. Each ack is a request (streaming) or a
   * frame (websocket) the server reads, so a page receiving ten calls a second sends one for every
   * fifty by default. The server asks for one at once ({@code ackNow}, protocol section 4) while a
   * page has a quarter of maxQueuedCalls or maxQueuedBytes unacknowledged, so a busy page does not
   * overflow before its interval is up. bench/RESULTS.md measures the trade.
   */
  public static final Setting<Long> ACK_INTERVAL_MILLIS =
      positiveMillis(
          "ackIntervalMillis", 5_000L,
          "streaming and websocket: a page acknowledges what it ran at most this often, and at once when a quarter of maxQueuedCalls or maxQueuedBytes waits unacknowledged (each ack is a request or frame)");

  /** A page unseen this long is ended. */
  public static final Setting<Long> SCRIPT_SESSION_TIMEOUT_MILLIS =
      positiveMillis("scriptSessionTimeoutMillis", 30 * 60_000L, "a page unseen this long is ended");

  /** A page that has not come back this long after its handshake is ended. */
  public static final Setting<Long> FIRST_CONTACT_TIMEOUT_MILLIS =
      positiveMillis(
          "firstContactTimeoutMillis",
          15_000L,
          "a page that made no call, poll or stream this long after its handshake is ended (and an HTTP"
              + " session Duplex created for it, see below)");

  /** Most open pages in all. */
  public static final Setting<Integer> MAX_SCRIPT_SESSIONS =
      positiveInt(
          "maxScriptSessions",
          10_000,
          "most open pages in all; a handshake beyond it gets `503 SERVER_BUSY` with `Retry-After` (the"
              + " first-contact timeout, in seconds). About 1.2 KB of heap per page, 2 KB with its HTTP"
              + " session on Jetty 12 (1.7 KB on Tomcat 11), short page names: 20 MB at the cap; a held"
              + " connection adds the container's buffers (README \"Performance\")");

  /** Most open pages of one HTTP session. */
  public static final Setting<Integer> MAX_PAGES_PER_HTTP_SESSION =
      positiveInt(
          "maxPagesPerHttpSession",
          64,
          "most open pages of one HTTP session (browser); a handshake beyond it ends that browser's least"
              + " recently active page");

  /** Comet: most held reverse requests of one HTTP session. */
  public static final Setting<Integer> MAX_HELD_PER_HTTP_SESSION =
      positiveInt(
          "maxHeldPerHttpSession",
          4,
          "comet and websocket: most reverse requests (or open sockets) of one HTTP session held at once;"
              + " further pages are told to poll until one ends");

  /** Websocket: sockets upgraded that have not sent their open frame yet. */
  public static final Setting<Integer> MAX_UNOPENED_SOCKETS =
      positiveInt(
          "maxUnopenedSockets",
          1_000,
          "websocket: most sockets in all upgraded and not yet past their open frame (each for at most"
              + " `firstContactTimeoutMillis`), and at most `maxPagesPerHttpSession` of one HTTP session;"
              + " an upgrade beyond either gets `503 TOO_MANY_SOCKETS` and no socket (the page's engine"
              + " retries, then streams)");

  /** Per page: unacknowledged reverse calls kept. */
  public static final Setting<Integer> MAX_QUEUED_CALLS =
      positiveInt(
          "maxQueuedCalls", 1_000, "per page: unacknowledged reverse calls kept before the oldest are dropped");

  /** Per page: bytes of unacknowledged reverse calls kept. */
  public static final Setting<Long> MAX_QUEUED_BYTES =
      add(
          new Setting<>(
              "maxQueuedBytes",
              (long) (1 << 20),
              "a whole number of bytes, more than 0",
              "per page: bytes of unacknowledged reverse calls kept; one push larger than this"
                  + " throws `PushTooLargeException`",
              Long::parseLong,
              v -> atLeast("maxQueuedBytes", v, 1)));

  /** Per page: topics subscribed at once. */
  public static final Setting<Integer> MAX_TOPICS_PER_PAGE =
      positiveInt(
          "maxTopicsPerPage",
          32,
          "per page: topics subscribed at once (`duplex.subscribe`); one more is refused"
              + " `TOO_MANY_TOPICS`");

  /** Longest topic name. */
  public static final Setting<Integer> MAX_TOPIC_NAME_LENGTH =
      positiveInt(
          "maxTopicNameLength",
          128,
          "longest topic name, in characters; a longer one is refused to the page (`BAD_ARGUMENTS`) and"
              + " to Java (`IllegalArgumentException`)");

  /** How long a page has to answer an ask. */
  public static final Setting<Long> ANSWER_TIMEOUT_MILLIS =
      positiveMillis(
          "answerTimeoutMillis",
          30_000L,
          "how long a page has to answer an ask (`Targets.ask`, a page proxy method returning"
              + " `CompletableFuture`) before its future fails with `PageAnswerException` `TIMEOUT`;"
              + " `answerTimeout(Duration)` overrides it per target");

  /** Per page: asks waiting for their answers. */
  public static final Setting<Integer> MAX_PENDING_ANSWERS =
      positiveInt(
          "maxPendingAnswers",
          64,
          "per page: asks waiting for their answers; a further ask of that page fails at once with"
              + " `PageAnswerException` `TOO_MANY_ASKS` and is not sent. With a backplane, also the"
              + " asks of every node's pages one node waits for replies to (docs/scaling.md)");

  /** Whether the query string is part of a page's name. */
  public static final Setting<Boolean> PAGE_INCLUDES_QUERY =
      bool("pageIncludesQuery", false, "the query string is part of a page's name for targeting");

  /** The backplane that carries pushes to every node, or empty for one node alone. */
  public static final Setting<String> BACKPLANE =
      add(
          new Setting<>(
              "backplane",
              "",
              "empty, or a URL such as redis://host:6379 (its module, e.g. duplex-redis, on the classpath)",
              "a push from any node reaches the pages of every node through this backplane (see"
                  + " docs/scaling.md); empty: this node alone",
              Settings::backplaneUrl,
              Settings::backplaneUrl));

  /** Backplane: pushes kept while the backplane is unreachable. */
  public static final Setting<Integer> BACKPLANE_BUFFERED_PUSHES =
      positiveInt(
          "backplaneBufferedPushes",
          10_000,
          "backplane: pushes of this node kept while the backplane is unreachable, published when it is"
              + " back; one more throws `BackplaneUnavailableException` to its caller");

  /** Backplane: pushes the shared stream keeps for nodes that fall behind. */
  public static final Setting<Integer> BACKPLANE_STREAM_LENGTH =
      positiveInt(
          "backplaneStreamLength",
          100_000,
          "backplane: pushes the shared stream keeps (about; trimmed) for a node cut off from it; a node"
              + " away longer gives its pages a `resync`");

  /** Longest page name a handshake may carry. */
  public static final Setting<Integer> MAX_PAGE_NAME_LENGTH =
      positiveInt(
          "maxPageNameLength",
          4096,
          "longest handshake `page` (path and query as sent); longer ones get `PAGE_NAME_TOO_LONG`");

  private Settings() {}

  /** @return every setting, in README's order */
  public static List<Setting<?>> all() {
    return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
  }

  /**
   * @param name a setting's name
   * @return the setting of that name, or null
   */
  public static Setting<?> byName(String name) {
    return BY_NAME.get(name);
  }

  private static <T> Setting<T> add(Setting<T> setting) {
    if (BY_NAME.putIfAbsent(setting.name(), setting) != null) {
      throw new IllegalStateException("Duplex setting declared twice: " + setting.name());
    }
    return setting;
  }

  private static Setting<Boolean> bool(String name, boolean def, String meaning) {
    return add(new Setting<>(name, def, "true or false", meaning, Settings::parseBool, UnaryOperator.identity()));
  }

  private static Setting<Integer> positiveInt(String name, int def, String meaning) {
    return add(
        new Setting<>(
            name,
            def,
            "a whole number more than 0",
            meaning,
            Integer::parseInt,
            v -> atLeast(name, (int) v, 1)));
  }

  private static Setting<Long> positiveMillis(String name, long def, String meaning) {
    return add(
        new Setting<>(
            name,
            def,
            "a whole number of milliseconds, more than 0 (e.g. 30000, not 30s)",
            meaning,
            Long::parseLong,
            v -> atLeast(name, v, 1)));
  }

  private static long atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(
          "Duplex setting '" + name + "' must be " + (min == 0 ? "0 or more" : "at least " + min) + ", got " + value);
    }
    return value;
  }

  private static int atLeast(String name, int value, int min) {
    return (int) atLeast(name, (long) value, min);
  }

  private static Boolean parseBool(String v) {
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean: " + v);
  }

  private static String backplaneUrl(String v) {
    if (v.isEmpty()) {
      return v;
    }
    java.net.URI uri = java.net.URI.create(v);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Duplex setting 'backplane' needs a URL with a scheme and a host such as redis://host:6379, got '"
              + v
              + "'");
    }
    return v;
  }

  private static List<String> origins(String v) {
    List<String> out = new ArrayList<>();
    for (String part : v.split(",")) {
      String origin = normaliseOrigin(part);
      if (!origin.isEmpty()) {
        out.add(origin);
      }
    }
    return List.copyOf(out);
  }

  private static List<String> hosts(String v) {
    List<String> out = new ArrayList<>();
    for (String part : v.split(",")) {
      String host = normaliseHost(part);
      if (!host.isEmpty()) {
        out.add(host);
      }
    }
    return List.copyOf(out);
  }

  static String normaliseHost(String host) {
    return host.trim().toLowerCase(Locale.ROOT);
  }

  /** Every entry must be host[:port]: a scheme or path would never equal a Host header. */
  private static List<String> checkHosts(List<String> hosts) {
    for (String host : hosts) {
      if (!isHostAndPort(host)) {
        throw new IllegalArgumentException("Duplex setting 'allowedHosts': '" + host
            + "' is not host[:port] (no scheme, no path), e.g. example.com or localhost:8080");
      }
    }
    return List.copyOf(hosts);
  }

  private static boolean isHostAndPort(String host) {
    try {
      java.net.URI uri = new java.net.URI("http://" + host);
      return uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
          && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  static String normaliseOrigin(String origin) {
    return origin.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
  }
}
