package io.duplex;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a {@link Duplex} runs with; immutable. Each accessor reads one of {@link Settings},
 * where its default and meaning are declared.
 */
public final class DuplexConfig {
  private final Map<Setting<?>, Object> values = new IdentityHashMap<>();

  DuplexConfig(ConfigBuilder<?> builder) {
    for (Setting<?> setting : Settings.all()) {
      values.put(setting, builder.get(setting));
    }
  }

  /**
   * @param setting one of {@link Settings}
   * @param <T> the value's type
   * @return the setting's value
   */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return (T) values.get(setting);
  }

  /** @return {@link Settings#DEBUG} */
  public boolean debug() { return get(Settings.DEBUG); }
  /** @return {@link Settings#ALLOWED_ORIGINS} */
  public List<String> allowedOrigins() { return get(Settings.ALLOWED_ORIGINS); }
  /** @return {@link Settings#ALLOWED_HOSTS} */
  public List<String> allowedHosts() { return get(Settings.ALLOWED_HOSTS); }
  /** @return {@link Settings#MAX_BODY_BYTES} */
  public int maxBodyBytes() { return get(Settings.MAX_BODY_BYTES); }
  /** @return {@link Settings#BODY_TIMEOUT_MILLIS} */
  public long bodyTimeoutMillis() { return get(Settings.BODY_TIMEOUT_MILLIS); }
  /** @return {@link Settings#MAX_CALLS_PER_BATCH} */
  public int maxCallsPerBatch() { return get(Settings.MAX_CALLS_PER_BATCH); }
  /** @return {@link Settings#MAX_JSON_DEPTH} */
  public int maxJsonDepth() { return get(Settings.MAX_JSON_DEPTH); }
  /** @return {@link Settings#MAX_STRING_LENGTH} */
  public int maxStringLength() { return get(Settings.MAX_STRING_LENGTH); }
  /** @return {@link Settings#ANSWER_TIMEOUT_MILLIS} */
  public long answerTimeoutMillis() { return get(Settings.ANSWER_TIMEOUT_MILLIS); }

  /** @return {@link Settings#MAX_PENDING_ANSWERS} */
  public int maxPendingAnswers() { return get(Settings.MAX_PENDING_ANSWERS); }

  /** @return {@link Settings#ASYNC_CALL_TIMEOUT_MILLIS} */
  public long asyncCallTimeoutMillis() { return get(Settings.ASYNC_CALL_TIMEOUT_MILLIS); }
  /** @return {@link Settings#REVERSE_AJAX} */
  public ReverseAjax reverseAjax() { return get(Settings.REVERSE_AJAX); }
  /** @return {@link Settings#STREAMING} */
  public boolean streaming() { return get(Settings.STREAMING); }
  /** @return {@link Settings#SHARE_CONNECTION} */
  public boolean shareConnection() { return get(Settings.SHARE_CONNECTION); }
  /** @return {@link Settings#MAX_HOLD_MILLIS} */
  public long maxHoldMillis() { return get(Settings.MAX_HOLD_MILLIS); }
  /** @return {@link Settings#MAX_WAIT_AFTER_WRITE_MILLIS} */
  public long maxWaitAfterWriteMillis() { return get(Settings.MAX_WAIT_AFTER_WRITE_MILLIS); }
  /** @return {@link Settings#HEARTBEAT_MILLIS} */
  public long heartbeatMillis() { return get(Settings.HEARTBEAT_MILLIS); }
  /** @return {@link Settings#POLL_INTERVAL_MILLIS} */
  public long pollIntervalMillis() { return get(Settings.POLL_INTERVAL_MILLIS); }
  /** @return {@link Settings#ACK_INTERVAL_MILLIS} */
  public long ackIntervalMillis() { return get(Settings.ACK_INTERVAL_MILLIS); }
  /** @return {@link Settings#SCRIPT_SESSION_TIMEOUT_MILLIS} */
  public long scriptSessionTimeoutMillis() { return get(Settings.SCRIPT_SESSION_TIMEOUT_MILLIS); }
  /** @return {@link Settings#FIRST_CONTACT_TIMEOUT_MILLIS} */
  public long firstContactTimeoutMillis() { return get(Settings.FIRST_CONTACT_TIMEOUT_MILLIS); }
  /** @return {@link Settings#MAX_SCRIPT_SESSIONS} */
  public int maxScriptSessions() { return get(Settings.MAX_SCRIPT_SESSIONS); }
  /** @return {@link Settings#MAX_PAGES_PER_HTTP_SESSION} */
  public int maxPagesPerHttpSession() { return get(Settings.MAX_PAGES_PER_HTTP_SESSION); }
  /** @return {@link Settings#MAX_HELD_PER_HTTP_SESSION} */
  public int maxHeldPerHttpSession() { return get(Settings.MAX_HELD_PER_HTTP_SESSION); }
  /** @return {@link Settings#MAX_UNOPENED_SOCKETS} */
  public int maxUnopenedSockets() { return get(Settings.MAX_UNOPENED_SOCKETS); }
  /** @return {@link Settings#MAX_QUEUED_CALLS} */
  public int maxQueuedCalls() { return get(Settings.MAX_QUEUED_CALLS); }
  /** @return {@link Settings#MAX_QUEUED_BYTES} */
  public long maxQueuedBytes() { return get(Settings.MAX_QUEUED_BYTES); }
  /** @return {@link Settings#MAX_TOPICS_PER_PAGE} */
  public int maxTopicsPerPage() { return get(Settings.MAX_TOPICS_PER_PAGE); }
  /** @return {@link Settings#MAX_TOPIC_NAME_LENGTH} */
  public int maxTopicNameLength() { return get(Settings.MAX_TOPIC_NAME_LENGTH); }
  /** @return {@link Settings#PAGE_INCLUDES_QUERY} */
  public boolean pageIncludesQuery() { return get(Settings.PAGE_INCLUDES_QUERY); }

  /** @return {@link Settings#BACKPLANE}, empty for none */
  public String backplane() { return get(Settings.BACKPLANE); }

  /** @return {@link Settings#BACKPLANE_BUFFERED_PUSHES} */
  public int backplaneBufferedPushes() { return get(Settings.BACKPLANE_BUFFERED_PUSHES); }

  /** @return {@link Settings#BACKPLANE_STREAM_LENGTH} */
  public int backplaneStreamLength() { return get(Settings.BACKPLANE_STREAM_LENGTH); }
  /** @return {@link Settings#MAX_PAGE_NAME_LENGTH} */
  public int maxPageNameLength() { return get(Settings.MAX_PAGE_NAME_LENGTH); }
}
