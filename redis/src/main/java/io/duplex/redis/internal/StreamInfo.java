package io.duplex.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the reader needs from {@code XINFO STREAM}: the ids bounding what the stream still holds. */
record StreamInfo(StreamId lastGenerated, StreamId maxDeleted, StreamId firstEntry) {
  /** Reads Lettuce's flat name/value list; fields Redis before 7.0 lacks stay null. */
  static StreamInfo of(List<Object> reply) {
    StreamId last = null;
    StreamId deleted = null;
    StreamId first = null;
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      String name = text(reply.get(i));
      Object value = reply.get(i + 1);
      switch (name) {
        case "last-generated-id" -> last = id(value);
        case "max-deleted-entry-id" -> deleted = id(value);
        case "first-entry" -> {
          if (value instanceof List<?> entry && !entry.isEmpty()) {
            first = id(entry.get(0));
          }
        }
        default -> {}
      }
    }
    return new StreamInfo(last, deleted, first);
  }

  /**
   * Whether entries after {@code cursor}, which this node has not read, are gone: trimmed away, or
   * the stream was lost (Redis restarted without persistence).
   */
  boolean lostAfter(StreamId cursor) {
    if (cursor.equals(StreamId.ZERO)) {
      return false;
    }
    // The entry at the cursor stays until trimming passes it, and trimming past it removes unread ones.
    return (maxDeleted != null && maxDeleted.after(cursor))
        || (firstEntry != null && firstEntry.after(cursor))
        || restartedBefore(cursor);
  }

  /** Whether the stream now is not the one {@code cursor} was read from (its ids went backwards). */
  boolean restartedBefore(StreamId cursor) {
    return lastGenerated != null && cursor.after(lastGenerated);
  }

  private static StreamId id(Object value) {
    return value == null ? null : StreamId.parse(text(value));
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
  }
}
