package io.duplex;

/**
 * A reverse call (or a {@link ScriptBuffer} sent as one) whose encoded size is larger than {@code
 * maxQueuedBytes}: no page's queue could ever hold it. Queuing it would only push out everything
 * else the page is waiting for and then itself, so it is refused before anything is queued, and no
 * page's queue changes. Send less per call, or raise {@code maxQueuedBytes}.
 */
public final class PushTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The encoded size of the refused push, in bytes. */
  private final long size;
  /** The maxQueuedBytes setting it exceeded. */
  private final long limit;

  /**
   * @param size the encoded size of the push, in bytes
   * @param limit the {@code maxQueuedBytes} setting
   */
  public PushTooLargeException(long size, long limit) {
    super(
        "A reverse call of "
            + size
            + " bytes (encoded as JSON) is larger than maxQueuedBytes ("
            + limit
            + " bytes), so no page could ever receive it; nothing was queued. Send less per call"
            + " or raise the maxQueuedBytes setting.");
    this.size = size;
    this.limit = limit;
  }

  /**
   * @return the encoded size of the refused push, in bytes
   */
  public long size() {
    return size;
  }

  /**
   * @return the {@code maxQueuedBytes} setting it exceeded
   */
  public long limit() {
    return limit;
  }
}
