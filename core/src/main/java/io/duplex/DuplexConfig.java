package io.duplex;

import java.util.List;

/** The settings a {@link Duplex} runs with; immutable. See {@link ConfigBuilder} for meanings. */
public final class DuplexConfig {
  private final boolean debug;
  private final List<String> allowedOrigins;
  private final int maxBodyBytes;
  private final int maxCallsPerBatch;
  private final int maxJsonDepth;
  private final int maxStringLength;
  private final long asyncCallTimeoutMillis;
  private final ReverseAjax reverseAjax;
  private final boolean streaming;
  private final long maxHoldMillis;
  private final long maxWaitAfterWriteMillis;
  private final long heartbeatMillis;
  private final long pollIntervalMillis;
  private final long ackIntervalMillis;
  private final long scriptSessionTimeoutMillis;
  private final int maxQueuedCalls;
  private final long maxQueuedBytes;
  private final boolean pageIncludesQuery;

  DuplexConfig(ConfigBuilder<?> b) {
    this.debug = b.debug;
    this.allowedOrigins = List.copyOf(b.allowedOrigins);
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxCallsPerBatch = b.maxCallsPerBatch;
    this.maxJsonDepth = b.maxJsonDepth;
    this.maxStringLength = b.maxStringLength;
    this.asyncCallTimeoutMillis = b.asyncCallTimeoutMillis;
    this.reverseAjax = b.reverseAjax;
    this.streaming = b.streaming;
    this.maxHoldMillis = b.maxHoldMillis;
    this.maxWaitAfterWriteMillis = b.maxWaitAfterWriteMillis;
    this.heartbeatMillis = b.heartbeatMillis;
    this.pollIntervalMillis = b.pollIntervalMillis;
    this.ackIntervalMillis = b.ackIntervalMillis;
    this.scriptSessionTimeoutMillis = b.scriptSessionTimeoutMillis;
    this.maxQueuedCalls = b.maxQueuedCalls;
    this.maxQueuedBytes = b.maxQueuedBytes;
    this.pageIncludesQuery = b.pageIncludesQuery;
  }

  /** {@return whether error details (exception type, message, stack) reach the browser} */
  public boolean debug() { return debug; }
  /** {@return the origins allowed besides the request's own} */
  public List<String> allowedOrigins() { return allowedOrigins; }
  /** {@return the largest request body accepted, in bytes} */
  public int maxBodyBytes() { return maxBodyBytes; }
  /** {@return the most calls one request may carry} */
  public int maxCallsPerBatch() { return maxCallsPerBatch; }
  /** {@return the deepest JSON nesting accepted in a request} */
  public int maxJsonDepth() { return maxJsonDepth; }
  /** {@return the longest JSON string accepted in a request, in chars} */
  public int maxStringLength() { return maxStringLength; }
  /** {@return how long a batch waits for the futures its methods returned} */
  public long asyncCallTimeoutMillis() { return asyncCallTimeoutMillis; }
  /** {@return how reverse calls reach the browser} */
  public ReverseAjax reverseAjax() { return reverseAjax; }
  /** {@return comet only: whether batches are streamed (true) or long polled (false)} */
  public boolean streaming() { return streaming; }
  /** {@return comet only: how long a long poll or a stream is held} */
  public long maxHoldMillis() { return maxHoldMillis; }
  /** {@return long poll only: how long to wait for more calls after the first} */
  public long maxWaitAfterWriteMillis() { return maxWaitAfterWriteMillis; }
  /** {@return streaming only: the heartbeat period of an idle stream} */
  public long heartbeatMillis() { return heartbeatMillis; }
  /** {@return polling only: the period of a page's polls} */
  public long pollIntervalMillis() { return pollIntervalMillis; }
  /** {@return streaming only: how often at most a page acknowledges} */
  public long ackIntervalMillis() { return ackIntervalMillis; }
  /** {@return how long a page may stay unseen before it is ended} */
  public long scriptSessionTimeoutMillis() { return scriptSessionTimeoutMillis; }
  /** {@return per page: unacknowledged reverse calls kept before the oldest are dropped} */
  public int maxQueuedCalls() { return maxQueuedCalls; }
  /** {@return per page: bytes of unacknowledged reverse calls kept before the oldest are dropped} */
  public long maxQueuedBytes() { return maxQueuedBytes; }
  /** {@return whether a page's query string is part of its page name} */
  public boolean pageIncludesQuery() { return pageIncludesQuery; }
}
