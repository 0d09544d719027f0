package io.duplex.bench.jmh;

import com.google.gson.JsonArray;
import io.duplex.Duplex;
import io.duplex.bench.app.Bench;
import io.duplex.internal.DuplexRuntime;
import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.remote.CallDispatcher;
import io.duplex.internal.remote.InvocationContext;
import io.duplex.internal.remote.MapAttributeStore;
import io.duplex.internal.remote.invoke.InvokerFactory;
import io.duplex.internal.remote.invoke.MethodInvoker;
import java.lang.reflect.Method;
import java.util.Map;
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
 * Invoking an exposed method: the generated invoker against the reflective ones and a direct call,
 * and the whole dispatch of one call ({@code Bench.echo("hello")}: lookup, argument conversion from
 * JSON, invocation, outcome), bare, through one pass-through interceptor, and reported to one empty
 * metrics listener.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InvokeBenchmark {
  private final Bench target = new Bench();
  private final Object[] args = {"hello"};
  private Method method;
  private MethodInvoker generated;
  private MethodInvoker methodHandle;
  private Duplex duplex;
  private CallDispatcher dispatcher;
  private Duplex intercepted;
  private CallDispatcher interceptedDispatcher;
  private Duplex metered;
  private CallDispatcher meteredDispatcher;
  private InvocationContext context;
  private Call call;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    method = Bench.class.getMethod("echo", String.class);
    generated = InvokerFactory.generated(Bench.class, method);
    methodHandle = InvokerFactory.reflective(method);
    duplex = Duplex.builder().expose(Bench.class).build();
    dispatcher = DuplexRuntime.of(duplex).dispatcher();
    intercepted = Duplex.builder().expose(Bench.class).intercept(chain -> chain.proceed()).build();
    interceptedDispatcher = DuplexRuntime.of(intercepted).dispatcher();
    metered = Duplex.builder().expose(Bench.class).build();
    metered.addMetrics((service, method, code, nanos) -> {});
    meteredDispatcher = DuplexRuntime.of(metered).dispatcher();
    context = new InvocationContext(null, null, role -> false, null, new MapAttributeStore(), Map.of());
    JsonArray json = new JsonArray();
    json.add("hello");
    call = new Call(1, "Bench", "echo", json);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    duplex.close();
    intercepted.close();
    metered.close();
  }

  @Benchmark
  public Object directCall() {
    return target.echo((String) args[0]);
  }

  @Benchmark
  public Object generatedInvoker() throws Throwable {
    return generated.invoke(target, args);
  }

  @Benchmark
  public Object methodHandleInvoker() throws Throwable {
    return methodHandle.invoke(target, args);
  }

  @Benchmark
  public Object reflectionMethodInvoke() throws Exception {
    return method.invoke(target, args);
  }

  @Benchmark
  public CallOutcome dispatchEchoCall() {
    return dispatcher.invoke(call, context).join();
  }

  /** The same call through one pass-through {@link io.duplex.CallInterceptor}. */
  @Benchmark
  public CallOutcome dispatchEchoCallIntercepted() {
    return interceptedDispatcher.invoke(call, context).join();
  }

  /** The same call reported to one empty {@link io.duplex.DuplexMetrics} listener. */
  @Benchmark
  public CallOutcome dispatchEchoCallMetered() {
    return meteredDispatcher.invoke(call, context).join();
  }
}
