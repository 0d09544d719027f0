package io.duplex;

import java.util.List;

/** The settings a {@link Duplex} runs with; immutable. See {@link ConfigBuilder} for meanings. */
public final class DuplexConfig {
  private final boolean debug;
  private final List<String> allowedOrigins;
  private final int maxBodyBytes;
  private final long bodyTimeoutMillis;
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
    this.bodyTimeoutMillis = b.bodyTimeoutMillis;
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

  public boolean debug() { return debug; }
  public List<String> allowedOrigins() { return allowedOrigins; }
  public int maxBodyBytes() { return maxBodyBytes; }
  public long bodyTimeoutMillis() { return bodyTimeoutMillis; }
  public int maxCallsPerBatch() { return maxCallsPerBatch; }
  public int maxJsonDepth() { return maxJsonDepth; }
  public int maxStringLength() { return maxStringLength; }
  public long asyncCallTimeoutMillis() { return asyncCallTimeoutMillis; }
  public ReverseAjax reverseAjax() { return reverseAjax; }
  public boolean streaming() { return streaming; }
  public long maxHoldMillis() { return maxHoldMillis; }
  public long maxWaitAfterWriteMillis() { return maxWaitAfterWriteMillis; }
  public long heartbeatMillis() { return heartbeatMillis; }
  public long pollIntervalMillis() { return pollIntervalMillis; }
  public long ackIntervalMillis() { return ackIntervalMillis; }
  public long scriptSessionTimeoutMillis() { return scriptSessionTimeoutMillis; }
  public int maxQueuedCalls() { return maxQueuedCalls; }
  public long maxQueuedBytes() { return maxQueuedBytes; }
  public boolean pageIncludesQuery() { return pageIncludesQuery; }
}
