package io.duplex.servlet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a page does with reverse objects (protocol section 4.1): skips duplicates, runs the next
 * entry, stops at a gap, and jumps ahead on resync. Records what it ran, to check exactly-once.
 */
public final class PageState {
  private long lastSeq;
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private long resyncDropped;
  private int gaps;

  /** Applies one reverse object; false when it stopped at a gap (the page then asks again). */
  public synchronized boolean apply(JsonObject reverse) {
    if (reverse.has("resync")) {
      JsonObject resync = reverse.getAsJsonObject("resync");
      long next = resync.get("next").getAsLong();
      if (next - 1 > lastSeq) {
        lastSeq = next - 1;
        resyncDropped += resync.get("dropped").getAsLong();
      }
    }
    if (!reverse.has("calls")) {
      return true;
    }
    for (JsonElement element : reverse.getAsJsonArray("calls")) {
      JsonObject entry = element.getAsJsonObject();
      long seq = entry.get("seq").getAsLong();
      if (seq <= lastSeq) {
        continue;
      }
      if (seq > lastSeq + 1) {
        gaps++;
        return false;
      }
      // A topic message (protocol 4.8) is recorded as topic:name[message].
      ran.add(entry.has("topic")
          ? "topic:" + entry.get("topic").getAsString() + "[" + entry.get("message") + "]"
          : entry.get("fn").getAsString() + entry.get("args"));
      lastSeq = seq;
    }
    return true;
  }

  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** Every call run, as {@code fn[args]} (topic messages as {@code topic:name[message]}), in order. */
  public List<String> ran() {
    synchronized (ran) {
      return List.copyOf(ran);
    }
  }

  public synchronized long resyncDropped() {
    return resyncDropped;
  }

  public synchronized int gaps() {
    return gaps;
  }
}
