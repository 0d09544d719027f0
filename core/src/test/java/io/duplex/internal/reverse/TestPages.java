package io.duplex.internal.reverse;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapterFactory;
import io.duplex.Duplex;
import io.duplex.DuplexConfig;
import io.duplex.ScriptSession;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.remote.CurrentCall;
import io.duplex.internal.remote.InvocationContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** A real ScriptSessionManager with a real converter, and helpers to read what pages would get. */
final class TestPages implements AutoCloseable {
  final ScriptSessionManager manager;
  private final AtomicInteger owners = new AtomicInteger();

  TestPages() {
    this(b -> b);
  }

  TestPages(UnaryOperator<Duplex.Builder> settings, TypeAdapterFactory... extraAdapters) {
    manager = new ScriptSessionManager(config(settings));
    JsonConverter.Builder converter = JsonConverter.builder();
    for (TypeAdapterFactory adapter : extraAdapters) {
      converter.register(adapter);
    }
    manager.useConverter(converter.register(manager.converterExtension()).build());
  }

  static DuplexConfig config(UnaryOperator<Duplex.Builder> settings) {
    // DuplexConfig is only made by a builder; the Duplex itself is not needed.
    try (Duplex duplex = settings.apply(Duplex.builder()).build()) {
      return duplex.config();
    }
  }

  /** A page of its own HTTP session, no user. */
  ScriptSessionImpl open(String page) {
    int n = owners.incrementAndGet();
    return manager.create(page, "owner-" + n, "http-" + n, null);
  }

  ScriptSessionImpl open(String page, String httpSession, String user) {
    return manager.create(page, "owner-of-" + httpSession, httpSession, user);
  }

  /** The reverse object a delivery after {@code after} carries, parsed. */
  static JsonObject delivery(ScriptSessionImpl session, long after) {
    return parse(write(session.queue(), after));
  }

  static String write(OutboundQueue queue, long after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      queue.writePending(after, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static JsonObject parse(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  /** The entries a delivery after {@code after} carries. */
  static List<JsonObject> calls(ScriptSessionImpl session, long after) {
    JsonObject reverse = delivery(session, after);
    List<JsonObject> calls = new ArrayList<>();
    if (reverse.has("calls")) {
      for (JsonElement call : reverse.getAsJsonArray("calls")) {
        calls.add(call.getAsJsonObject());
      }
    }
    return calls;
  }

  static JsonArray json(String text) {
    return JsonParser.parseString(text).getAsJsonArray();
  }

  /** Runs {@code body} as if serving a call from {@code page}. */
  static <T> T inCallFrom(ScriptSession page, Supplier<T> body) {
    var previous = CurrentCall.set(new InvocationContext(page, null, role -> false, null, null, Map.of()));
    try {
      return body.get();
    } finally {
      CurrentCall.set(previous);
    }
  }

  static void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("Timed out waiting until " + what);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
