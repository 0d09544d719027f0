package io.duplex.redis.internal;

/** A Redis stream entry id, {@code ms-seq}, compared as the two numbers it is. */
record StreamId(long millis, long seq) implements Comparable<StreamId> {
  static final StreamId ZERO = new StreamId(0, 0);

  static StreamId parse(String id) {
    int dash = id.indexOf('-');
    return dash < 0
        ? new StreamId(Long.parseLong(id), 0)
        : new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
  }

  @Override
  public int compareTo(StreamId other) {
    int byMillis = Long.compareUnsigned(millis, other.millis);
    return byMillis != 0 ? byMillis : Long.compareUnsigned(seq, other.seq);
  }

  boolean after(StreamId other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(seq);
  }
}
