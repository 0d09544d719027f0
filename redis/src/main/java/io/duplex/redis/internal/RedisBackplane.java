package io.duplex.redis.internal;

import io.duplex.BackplaneUnavailableException;
import io.duplex.spi.Backplane;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backplane on one Redis stream. Every node appends each push once ({@code XADD} with {@code
 * MAXLEN ~}) and reads the stream from its own cursor ({@code XREAD}), so a node cut off for a
 * while reads what it missed when it is back, and a node away longer than the stream keeps finds
 * that out ({@code XINFO STREAM}) and tells its pages to resync. Each entry carries its publisher's
 * id and sequence number: an entry published twice (Lettuce resends commands that were in flight
 * when a connection broke) is delivered once. Nodes announce themselves with a key that expires.
 *
 * <p>Lettuce keeps commands while Redis does not answer (that is how pushes survive an outage), so
 * nothing here may issue commands at its own pace regardless of answers: the reader and the
 * heartbeat each have at most one command outstanding, and the pushes are bounded by {@code
 * backplaneBufferedPushes}. An outage of any length holds a bounded number of commands.
 */
final class RedisBackplane implements Backplane {
  private static final Logger LOG = LoggerFactory.getLogger(RedisBackplane.class);

  static final byte[] STREAM = bytes("duplex:pushes");
  static final String NODE_PREFIX = "duplex:node:";
  private static final byte[] NODE = bytes("n");
  private static final byte[] SEQ = bytes("s");
  private static final byte[] MESSAGE = bytes("m");
  private static final int BATCH = 512;
  private static final int MAX_PUBLISHERS = 4_096;
  private static final long BLOCK_MILLIS = 1_000;
  private static final long CHECK_MILLIS = 1_000;
  static final long HEARTBEAT_MILLIS = 1_000;
  static final long NODE_TTL_MILLIS = 3_000;

  private final URI url;
  private final int maxBuffered;
  private final int streamLength;
  private final String nodeId = randomId();
  private final byte[] nodeIdBytes = bytes(nodeId);
  private final AtomicInteger unconfirmed = new AtomicInteger();
  private final Object publishLock = new Object();
  /**
   * The last sequence number read from each publisher (one per node start): skips an entry appended
   * twice. Bounded: the publishers read least recently are forgotten first.
   */
  private final Map<String, Long> lastSeqByNode =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_PUBLISHERS;
        }
      };
  private long nextSeq;

  private ClientResources resources;
  private RedisClient client;
  private StatefulRedisConnection<byte[], byte[]> publisher;
  private StatefulRedisConnection<byte[], byte[]> reader;
  private StatefulRedisConnection<byte[], byte[]> beat;
  private ScheduledExecutorService heartbeat;
  private Thread readerThread;
  private Receiver receiver;
  private io.lettuce.core.event.command.CommandListener listener;
  private volatile boolean running;
  /** The heartbeat's last command: no beat starts while Redis has not answered it. */
  private volatile RedisFuture<?> beatPending;
  /** Reader thread only: Redis has not answered the reader for a while. */
  private boolean away;
  private volatile Map<String, Integer> nodes = Map.of();
  private volatile long nodesAtMillis;

  RedisBackplane(URI url, int maxBuffered, int streamLength) {
    this.url = url;
    this.maxBuffered = maxBuffered;
    this.streamLength = streamLength;
  }

  @Override
  public void start(Receiver receiver) {
    this.receiver = receiver;
    resources =
        ClientResources.builder()
            .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
            .build();
    client = RedisClient.create(resources, RedisURI.create(url.toString()));
    if (listener != null) {
      client.addListener(listener);
    }
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // Kept while Redis is away and sent in order when it is back; the bound is ours (publish).
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
            .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
            .build());
    StreamId cursor;
    try {
      publisher = client.connect(ByteArrayCodec.INSTANCE);
      reader = client.connect(ByteArrayCodec.INSTANCE);
      reader.setTimeout(Duration.ofMillis(BLOCK_MILLIS + 5_000));
      beat = client.connect(ByteArrayCodec.INSTANCE);
      beat.setTimeout(Duration.ofMillis(HEARTBEAT_MILLIS));
      RedisAsyncCommands<byte[], byte[]> startup = reader.async();
      cursor = info(() -> startup.xinfoStream(STREAM), false).map(StreamInfo::lastGenerated).orElse(StreamId.ZERO);
      beat();
    } catch (RedisException e) {
      shutdownClient();
      throw new IllegalStateException(
          "Duplex backplane " + safeUrl() + " cannot be reached (" + e.getMessage() + "): start Redis or fix the 'backplane' setting",
          e);
    }
    running = true;
    StreamId start = cursor;
    readerThread = new Thread(() -> read(start), "duplex-backplane-reader");
    readerThread.setDaemon(true);
    readerThread.start();
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "duplex-backplane-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    heartbeat.scheduleWithFixedDelay(this::beatQuietly, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    LOG.info("Duplex node {} joined backplane {} at stream id {}", nodeId, safeUrl(), cursor);
  }

  @Override
  public void publish(byte[] message) {
    if (unconfirmed.incrementAndGet() > maxBuffered) {
      unconfirmed.decrementAndGet();
      throw new BackplaneUnavailableException(
          "Push not published: the backplane "
              + safeUrl()
              + " has not confirmed the last "
              + maxBuffered
              + " pushes of this node (backplaneBufferedPushes); it is unreachable or too slow");
    }
    // One lock orders sequence numbers and the connection's command order alike.
    synchronized (publishLock) {
      Map<byte[], byte[]> body = new LinkedHashMap<>(4);
      body.put(NODE, nodeIdBytes);
      body.put(SEQ, bytes(Long.toString(++nextSeq)));
      body.put(MESSAGE, message);
      publisher
          .async()
          .xadd(STREAM, new XAddArgs().maxlen(streamLength).approximateTrimming(), body)
          .whenComplete(
              (id, failure) -> {
                unconfirmed.decrementAndGet();
                if (failure != null) {
                  LOG.warn("A push was not published to the backplane: {}", failure.toString());
                }
              });
    }
  }

  @Override
  public Map<String, Integer> nodes() {
    if (System.currentTimeMillis() - nodesAtMillis > NODE_TTL_MILLIS) {
      // Redis has not answered lately: only this node is known to be alive.
      return Map.of(nodeId, receiver.openPages());
    }
    return nodes;
  }

  @Override
  public String node() {
    return nodeId;
  }

  /** Reads the stream until closed; every entry after {@code cursor}, once, in order. */
  private void read(StreamId cursor) {
    RedisAsyncCommands<byte[], byte[]> redis = reader.async();
    boolean check = false;
    long checkedAt = System.currentTimeMillis();
    while (running) {
      try {
        if (check || System.currentTimeMillis() - checkedAt >= CHECK_MILLIS) {
          cursor = checkGap(redis, cursor);
          checkedAt = System.currentTimeMillis();
          check = false;
        }
        List<StreamMessage<byte[], byte[]>> batch =
            awaitRead(redis.xread(
                XReadArgs.Builder.block(BLOCK_MILLIS).count(BATCH), XReadArgs.StreamOffset.from(STREAM, cursor.toString())));
        if (away) {
          LOG.warn("Duplex backplane {} is reachable again", safeUrl());
          away = false;
        }
        if (batch == null || batch.isEmpty()) {
          continue;
        }
        if (batch.size() == BATCH) {
          // Far behind: trimming may have passed the cursor; look before delivering what follows.
          StreamId before = cursor;
          StreamId after = checkGap(redis, cursor);
          checkedAt = System.currentTimeMillis();
          if (!after.equals(before)) {
            cursor = after;
            continue;
          }
        }
        for (StreamMessage<byte[], byte[]> entry : batch) {
          cursor = StreamId.parse(entry.getId());
          deliver(entry.getBody());
        }
      } catch (RedisException e) {
        if (!running) {
          return;
        }
        goneAway(e.getMessage());
        check = true;
        pause();
      } catch (RuntimeException e) {
        // A receiver failure must not stop this node from reading the stream.
        LOG.error("Backplane delivery failed", e);
      }
    }
  }

  /**
   * Tells the receiver when entries after {@code cursor} are gone.
   *
   * @return the cursor to read on from: {@code 0-0} when the stream was lost (a new one is read
   *     from its start), else {@code cursor}
   */
  private StreamId checkGap(RedisAsyncCommands<byte[], byte[]> redis, StreamId cursor) {
    java.util.Optional<StreamInfo> info = info(() -> redis.xinfoStream(STREAM), true);
    if (info.isEmpty()) {
      if (!cursor.equals(StreamId.ZERO)) {
        receiver.gap();
      }
      return StreamId.ZERO;
    }
    if (info.get().lostAfter(cursor)) {
      receiver.gap();
      return info.get().restartedBefore(cursor) ? StreamId.ZERO : cursor;
    }
    return cursor;
  }

  /**
   * {@code XINFO STREAM}, empty when there is no stream.
   *
   * @param patient true on the reader thread: wait for the answer however long Redis takes (see
   *     {@link #awaitRead}); false at start, where an unanswered command fails the start
   */
  private java.util.Optional<StreamInfo> info(Supplier<RedisFuture<List<Object>>> xinfo, boolean patient) {
    try {
      RedisFuture<List<Object>> answer = xinfo.get();
      return java.util.Optional.of(StreamInfo.of(patient ? awaitRead(answer) : await(answer, BLOCK_MILLIS + 5_000)));
    } catch (io.lettuce.core.RedisCommandExecutionException e) {
      if (String.valueOf(e.getMessage()).contains("no such key")) {
        return java.util.Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The reader's wait for one answer. While Redis does not answer, it waits on for the same command
   * rather than sending another: commands sent to a Redis that does not answer pile up in Lettuce.
   */
  private <T> T awaitRead(RedisFuture<T> answer) {
    while (true) {
      try {
        return await(answer, BLOCK_MILLIS + 5_000);
      } catch (RedisCommandTimeoutException e) {
        if (!running) {
          throw e;
        }
        goneAway("no answer in " + (BLOCK_MILLIS + 5_000) + " ms");
      }
    }
  }

  private void goneAway(String why) {
    if (!away) {
      LOG.warn("Duplex backplane {} is unreachable ({}); this node reads what it missed when it is back", safeUrl(), why);
      away = true;
    }
  }

  /** The answer within {@code millis}; Lettuce's own failures as they are, others wrapped. */
  private static <T> T await(RedisFuture<T> answer, long millis) {
    try {
      return answer.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RedisCommandTimeoutException("Redis did not answer in " + millis + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RedisException redis ? redis : new RedisException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisException("interrupted", e);
    } catch (java.util.concurrent.CancellationException e) {
      throw new RedisException("cancelled", e);
    }
  }

  private void deliver(Map<byte[], byte[]> body) {
    byte[] message = null;
    String node = null;
    long seq = -1;
    for (Map.Entry<byte[], byte[]> field : body.entrySet()) {
      byte[] name = field.getKey();
      if (java.util.Arrays.equals(name, MESSAGE)) {
        message = field.getValue();
      } else if (java.util.Arrays.equals(name, NODE)) {
        node = new String(field.getValue(), StandardCharsets.UTF_8);
      } else if (java.util.Arrays.equals(name, SEQ)) {
        seq = Long.parseLong(new String(field.getValue(), StandardCharsets.UTF_8));
      }
    }
    if (message == null || node == null) {
      return;
    }
    Long last = lastSeqByNode.get(node);
    if (last != null && seq <= last) {
      return;
    }
    lastSeqByNode.put(node, seq);
    receiver.deliver(message);
  }

  private void beatQuietly() {
    RedisFuture<?> pending = beatPending;
    if (pending != null && !pending.isDone()) {
      // Redis has not answered the last beat: another would only wait behind it.
      return;
    }
    try {
      beat();
    } catch (RuntimeException e) {
      LOG.debug("Backplane heartbeat failed", e);
    }
  }

  /** Announces this node for {@link #NODE_TTL_MILLIS} and reads the others' announcements. */
  private void beat() {
    RedisAsyncCommands<byte[], byte[]> redis = beat.async();
    beatAwait(redis.set(bytes(NODE_PREFIX + nodeId), bytes(Integer.toString(receiver.openPages())), SetArgs.Builder.px(NODE_TTL_MILLIS)));
    Map<String, Integer> seen = new java.util.TreeMap<>();
    ScanArgs match = ScanArgs.Builder.matches(NODE_PREFIX + "*").limit(200);
    KeyScanCursor<byte[]> scan = beatAwait(redis.scan(match));
    while (true) {
      List<byte[]> keys = scan.getKeys();
      if (!keys.isEmpty()) {
        List<io.lettuce.core.KeyValue<byte[], byte[]>> values = beatAwait(redis.mget(keys.toArray(new byte[0][])));
        for (io.lettuce.core.KeyValue<byte[], byte[]> value : values) {
          if (value.hasValue()) {
            String id = new String(value.getKey(), StandardCharsets.UTF_8).substring(NODE_PREFIX.length());
            seen.put(id, Integer.parseInt(new String(value.getValue(), StandardCharsets.UTF_8)));
          }
        }
      }
      if (scan.isFinished()) {
        break;
      }
      scan = beatAwait(redis.scan(ScanCursor.of(scan.getCursor()), match));
    }
    nodes = java.util.Collections.unmodifiableMap(seen);
    nodesAtMillis = System.currentTimeMillis();
  }

  private <T> T beatAwait(RedisFuture<T> answer) {
    beatPending = answer;
    return await(answer, HEARTBEAT_MILLIS);
  }

  /** For tests, before {@link #start}: watches the commands this node sends. */
  void listen(io.lettuce.core.event.command.CommandListener listener) {
    this.listener = listener;
  }

  @Override
  public void close() {
    if (!running) {
      shutdownClient();
      return;
    }
    running = false;
    heartbeat.shutdownNow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (unconfirmed.get() > 0 && System.nanoTime() < deadline) {
      pause();
    }
    if (unconfirmed.get() > 0) {
      LOG.warn("{} push(es) of this node were not yet confirmed by the backplane when it closed", unconfirmed.get());
    }
    try {
      beat.sync().del(bytes(NODE_PREFIX + nodeId));
    } catch (RuntimeException e) {
      LOG.debug("Could not remove this node's heartbeat key; it expires by itself", e);
    }
    shutdownClient();
    try {
      readerThread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutdownClient() {
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (resources != null) {
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /** The URL without credentials, for messages and logs. */
  private String safeUrl() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String randomId() {
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    StringBuilder id = new StringBuilder();
    for (byte b : random) {
      id.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
    }
    return id.toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
