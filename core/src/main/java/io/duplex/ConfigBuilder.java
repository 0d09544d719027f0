package io.duplex;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The settings shared by {@link Duplex.Builder} and servlet init-params. Each setting is declared
 * once in {@link Settings} (name, default, accepted values, meaning); every setter here is named
 * after its setting, and {@link #set(String, String)} applies one by name and refuses names it does
 * not know, so a typo in web.xml fails at startup instead of being ignored.
 *
 * @param <B> the concrete builder type, returned by every setter
 */
public abstract class ConfigBuilder<B extends ConfigBuilder<B>> {
  /** Every name {@link #set} accepts. */
  public static final Set<String> NAMES =
      Settings.all().stream().map(Setting::name).collect(Collectors.toUnmodifiableSet());

  private final Map<Setting<?>, Object> values = new IdentityHashMap<>();

  /** Subclasses only. */
  protected ConfigBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Sets any setting in code.
   *
   * @param setting one of {@link Settings}
   * @param value its value
   * @param <T> the value's type
   * @return this builder
   * @throws IllegalArgumentException when the setting does not accept the value
   */
  public <T> B set(Setting<T> setting, T value) {
    values.put(setting, setting.check(value));
    return self();
  }

  /**
   * Applies one setting by its name, as servlet init-params and properties do.
   *
   * @param name the setting's name
   * @param value its text form
   * @return this builder
   * @throws IllegalArgumentException for an unknown name, or a value of the wrong form (the message
   *     names the setting, the value and the expected form)
   */
  public B set(String name, String value) {
    Setting<?> setting = Settings.byName(name);
    if (setting == null) {
      throw new IllegalArgumentException(
          "Unknown Duplex setting '" + name + "'; known settings: " + new TreeSet<>(NAMES));
    }
    values.put(setting, setting.parse(value));
    return self();
  }

  /**
   * Applies every entry of {@code settings} with {@link #set(String, String)}.
   *
   * @param settings names and text values
   * @return this builder
   */
  public B setAll(Map<String, String> settings) {
    settings.forEach(this::set);
    return self();
  }

  /**
   * @param debug whether error details (exception type, message, stack) reach the browser; off by default
   * @return this builder
   */
  public B debug(boolean debug) {
    return set(Settings.DEBUG, debug);
  }

  /**
   * Origins (scheme://host[:port]) allowed besides the request's own host, e.g. a separate
   * front-end dev server; calls from any other origin get {@code ORIGIN_REJECTED}. Adds to the
   * origins given before.
   *
   * @param origins the origins
   * @return this builder
   */
  public B allowedOrigins(String... origins) {
    List<String> all = new ArrayList<>(get(Settings.ALLOWED_ORIGINS));
    for (String origin : origins) {
      String normalised = Settings.normaliseOrigin(origin);
      if (!normalised.isEmpty()) {
        all.add(normalised);
      }
    }
    return set(Settings.ALLOWED_ORIGINS, all);
  }

  /**
   * Host names requests may be addressed to, as sent in the {@code Host} header; set it on a public
   * deployment. An entry without a port allows that host on any port, {@code host:port} only that
   * port. When set, a request to any other host is refused with {@code HOST_REJECTED}, and only
   * these hosts count as the server's own origin, which closes DNS rebinding (a hostile page whose
   * name resolves to this server would otherwise pass the origin check). Empty (the default): any
   * {@code Host} is accepted. Adds to the hosts given before.
   *
   * @param hosts e.g. {@code "example.com"}, {@code "localhost:8080"}
   * @return this builder
   * @throws IllegalArgumentException for an entry that is not {@code host[:port]}
   */
  public B allowedHosts(String... hosts) {
    List<String> all = new ArrayList<>(get(Settings.ALLOWED_HOSTS));
    for (String host : hosts) {
      String normalised = Settings.normaliseHost(host);
      if (!normalised.isEmpty()) {
        all.add(normalised);
      }
    }
    return set(Settings.ALLOWED_HOSTS, all);
  }

  /**
   * @param bytes see {@link Settings#MAX_BODY_BYTES}
   * @return this builder
   */
  public B maxBodyBytes(int bytes) {
    return set(Settings.MAX_BODY_BYTES, bytes);
  }

  /**
   * @param millis see {@link Settings#BODY_TIMEOUT_MILLIS}
   * @return this builder
   */
  public B bodyTimeoutMillis(long millis) {
    return set(Settings.BODY_TIMEOUT_MILLIS, millis);
  }

  /**
   * @param calls see {@link Settings#MAX_CALLS_PER_BATCH}
   * @return this builder
   */
  public B maxCallsPerBatch(int calls) {
    return set(Settings.MAX_CALLS_PER_BATCH, calls);
  }

  /**
   * @param depth see {@link Settings#MAX_JSON_DEPTH}
   * @return this builder
   */
  public B maxJsonDepth(int depth) {
    return set(Settings.MAX_JSON_DEPTH, depth);
  }

  /**
   * @param chars see {@link Settings#MAX_STRING_LENGTH}
   * @return this builder
   */
  public B maxStringLength(int chars) {
    return set(Settings.MAX_STRING_LENGTH, chars);
  }

  /**
   * @param mode see {@link Settings#REVERSE_AJAX}
   * @return this builder
   */
  public B reverseAjax(ReverseAjax mode) {
    return set(Settings.REVERSE_AJAX, mode);
  }

  /**
   * @param streaming see {@link Settings#STREAMING}
   * @return this builder
   */
  public B streaming(boolean streaming) {
    return set(Settings.STREAMING, streaming);
  }

  /**
   * @param share see {@link Settings#SHARE_CONNECTION}
   * @return this builder
   */
  public B shareConnection(boolean share) {
    return set(Settings.SHARE_CONNECTION, share);
  }

  /**
   * How long a call batch waits for the {@code CompletableFuture}s its methods returned; calls
   * still unfinished then answer {@code SERVER_ERROR}. Bounds what a future that never completes
   * holds on the server (the page's own call timeout usually fires first).
   *
   * @param millis see {@link Settings#ASYNC_CALL_TIMEOUT_MILLIS}
   * @return this builder
   */
  public B asyncCallTimeoutMillis(long millis) {
    return set(Settings.ASYNC_CALL_TIMEOUT_MILLIS, millis);
  }

  /**
   * @param millis see {@link Settings#ANSWER_TIMEOUT_MILLIS}
   * @return this builder
   */
  public B answerTimeoutMillis(long millis) {
    return set(Settings.ANSWER_TIMEOUT_MILLIS, millis);
  }

  /**
   * @param max see {@link Settings#MAX_PENDING_ANSWERS}
   * @return this builder
   */
  public B maxPendingAnswers(int max) {
    return set(Settings.MAX_PENDING_ANSWERS, max);
  }

  /**
   * @param millis see {@link Settings#MAX_HOLD_MILLIS}
   * @return this builder
   */
  public B maxHoldMillis(long millis) {
    return set(Settings.MAX_HOLD_MILLIS, millis);
  }

  /**
   * @param millis see {@link Settings#MAX_WAIT_AFTER_WRITE_MILLIS}
   * @return this builder
   */
  public B maxWaitAfterWriteMillis(long millis) {
    return set(Settings.MAX_WAIT_AFTER_WRITE_MILLIS, millis);
  }

  /**
   * @param millis see {@link Settings#HEARTBEAT_MILLIS}
   * @return this builder
   */
  public B heartbeatMillis(long millis) {
    return set(Settings.HEARTBEAT_MILLIS, millis);
  }

  /**
   * @param millis see {@link Settings#POLL_INTERVAL_MILLIS}
   * @return this builder
   */
  public B pollIntervalMillis(long millis) {
    return set(Settings.POLL_INTERVAL_MILLIS, millis);
  }

  /**
   * @param millis see {@link Settings#ACK_INTERVAL_MILLIS}
   * @return this builder
   */
  public B ackIntervalMillis(long millis) {
    return set(Settings.ACK_INTERVAL_MILLIS, millis);
  }

  /**
   * @param millis see {@link Settings#SCRIPT_SESSION_TIMEOUT_MILLIS}
   * @return this builder
   */
  public B scriptSessionTimeoutMillis(long millis) {
    return set(Settings.SCRIPT_SESSION_TIMEOUT_MILLIS, millis);
  }

  /**
   * @param millis see {@link Settings#FIRST_CONTACT_TIMEOUT_MILLIS}
   * @return this builder
   */
  public B firstContactTimeoutMillis(long millis) {
    return set(Settings.FIRST_CONTACT_TIMEOUT_MILLIS, millis);
  }

  /**
   * @param sessions see {@link Settings#MAX_SCRIPT_SESSIONS}
   * @return this builder
   */
  public B maxScriptSessions(int sessions) {
    return set(Settings.MAX_SCRIPT_SESSIONS, sessions);
  }

  /**
   * @param pages see {@link Settings#MAX_PAGES_PER_HTTP_SESSION}
   * @return this builder
   */
  public B maxPagesPerHttpSession(int pages) {
    return set(Settings.MAX_PAGES_PER_HTTP_SESSION, pages);
  }

  /**
   * @param sockets see {@link Settings#MAX_UNOPENED_SOCKETS}
   * @return this builder
   */
  public B maxUnopenedSockets(int sockets) {
    return set(Settings.MAX_UNOPENED_SOCKETS, sockets);
  }

  /**
   * @param topics see {@link Settings#MAX_TOPICS_PER_PAGE}
   * @return this builder
   */
  public B maxTopicsPerPage(int topics) {
    return set(Settings.MAX_TOPICS_PER_PAGE, topics);
  }

  /**
   * @param characters see {@link Settings#MAX_TOPIC_NAME_LENGTH}
   * @return this builder
   */
  public B maxTopicNameLength(int characters) {
    return set(Settings.MAX_TOPIC_NAME_LENGTH, characters);
  }

  /**
   * @param requests see {@link Settings#MAX_HELD_PER_HTTP_SESSION}
   * @return this builder
   */
  public B maxHeldPerHttpSession(int requests) {
    return set(Settings.MAX_HELD_PER_HTTP_SESSION, requests);
  }

  /**
   * @param calls see {@link Settings#MAX_QUEUED_CALLS}
   * @return this builder
   */
  public B maxQueuedCalls(int calls) {
    return set(Settings.MAX_QUEUED_CALLS, calls);
  }

  /**
   * @param bytes see {@link Settings#MAX_QUEUED_BYTES}
   * @return this builder
   */
  public B maxQueuedBytes(long bytes) {
    return set(Settings.MAX_QUEUED_BYTES, bytes);
  }

  /**
   * @param include see {@link Settings#PAGE_INCLUDES_QUERY}
   * @return this builder
   */
  public B pageIncludesQuery(boolean include) {
    return set(Settings.PAGE_INCLUDES_QUERY, include);
  }

  /**
   * Connects this node to the others through a backplane, e.g. {@code redis://host:6379} with the
   * {@code duplex-redis} module on the classpath.
   *
   * @param url see {@link Settings#BACKPLANE}; empty for none
   * @return this builder
   */
  public B backplane(String url) {
    return set(Settings.BACKPLANE, url);
  }

  /**
   * @param pushes see {@link Settings#BACKPLANE_BUFFERED_PUSHES}
   * @return this builder
   */
  public B backplaneBufferedPushes(int pushes) {
    return set(Settings.BACKPLANE_BUFFERED_PUSHES, pushes);
  }

  /**
   * @param pushes see {@link Settings#BACKPLANE_STREAM_LENGTH}
   * @return this builder
   */
  public B backplaneStreamLength(int pushes) {
    return set(Settings.BACKPLANE_STREAM_LENGTH, pushes);
  }

  /**
   * Longest page name (the handshake's {@code page}: path and query as the page sent them) a
   * handshake may carry; a longer one is refused with {@code PAGE_NAME_TOO_LONG} before any work
   * is done on it.
   *
   * @param chars see {@link Settings#MAX_PAGE_NAME_LENGTH}
   * @return this builder
   */
  public B maxPageNameLength(int chars) {
    return set(Settings.MAX_PAGE_NAME_LENGTH, chars);
  }

  @SuppressWarnings("unchecked")
  <T> T get(Setting<T> setting) {
    Object value = values.get(setting);
    return value == null ? setting.defaultValue() : (T) value;
  }

  DuplexConfig buildConfig() {
    return new DuplexConfig(this);
  }
}
