package io.duplex.bench.jmh;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.duplex.internal.protocol.CallBatchRequest;
import io.duplex.internal.protocol.RequestBody;
import io.duplex.internal.protocol.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading a W1 {@code /call} body: Duplex's parser (limits enforced, then the request record)
 * against what the ceiling servlet does (decode to a String, Gson's tree parser, no limits).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParseBenchmark {
  /** ascii: the benchmark's own body; utf8: the same with a non-ASCII argument. */
  @Param({"ascii", "utf8"})
  public String text;

  private RequestParser parser;
  private RequestBody.Bytes body;

  @Setup
  public void setUp() {
    parser = new RequestParser(32, 256 * 1024);
    String argument = text.equals("ascii") ? "hello" : "h\u00e9llo w\u00f6rld \u2713";
    byte[] bytes =
        ("{\"v\":1,\"session\":\"k3Jd9sPq0aZx7YbWcV2nLm\",\"csrf\":\"Qw8eRt5yUi2oPa6sDf1gHj\","
                + "\"page\":\"/bench.html\",\"ack\":0,\"calls\":[{\"id\":1,\"service\":\"Bench\","
                + "\"method\":\"echo\",\"args\":[\"" + argument + "\"]}]}")
            .getBytes(StandardCharsets.UTF_8);
    body = new RequestBody.Bytes(bytes, bytes.length);
  }

  @Benchmark
  public CallBatchRequest duplexCallBatch() {
    return parser.callBatch(body);
  }

  @Benchmark
  public JsonElement ceilingGsonTree() {
    return JsonParser.parseString(new String(body.array(), 0, body.length(), StandardCharsets.UTF_8));
  }
}
