package io.duplex.bench.jmh;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.duplex.Duplex;
import io.duplex.bench.app.Message;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.convert.ValueReader;
import io.duplex.internal.convert.ValueWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Converting a typical argument object: a record with strings, numbers, an enum, a date and a list
 * of records, from the request's parsed JSON into the declared type, and a broadcast argument
 * ({@link Message}) to JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConvertBenchmark {
  public enum Status { NEW, PAID, SHIPPED }

  public record Line(String sku, int quantity, double price) {}

  public record Order(String id, String customer, Status status, Instant placedAt, List<Line> lines, List<String> tags) {}

  private static final String ORDER_JSON =
      "{\"id\":\"o-1042\",\"customer\":\"ann@example.com\",\"status\":\"PAID\","
          + "\"placedAt\":\"2026-11-24T09:30:00Z\",\"lines\":[{\"sku\":\"A-1\",\"quantity\":2,\"price\":9.5},"
          + "{\"sku\":\"B-7\",\"quantity\":1,\"price\":120.0},{\"sku\":\"C-3\",\"quantity\":5,\"price\":0.99}],"
          + "\"tags\":[\"gift\",\"express\"]}";

  private Duplex duplex;
  private JsonElement orderJson;
  private ValueReader orderReader;
  private ValueWriter messageWriter;
  private Message message;

  @Setup(Level.Trial)
  public void setUp() {
    duplex = Duplex.builder().build();
    JsonConverter converter = DuplexRuntime.of(duplex).converter();
    orderJson = JsonParser.parseString(ORDER_JSON);
    orderReader = converter.reader(Order.class);
    messageWriter = converter.writer(Message.class);
    message = new Message(42, System.nanoTime(), "The quick brown fox jumps over the lazy dog 0123!?");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    duplex.close();
  }

  @Benchmark
  public Object readOrderArgument() throws Exception {
    return orderReader.read(orderJson);
  }

  @Benchmark
  public String writeMessageArgument() {
    return messageWriter.toJson(message);
  }
}
