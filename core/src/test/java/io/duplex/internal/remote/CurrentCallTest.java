package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.duplex.CallContext;
import io.duplex.Duplex;
import io.duplex.ServiceExposure;
import io.duplex.internal.convert.JsonConverter;
import io.duplex.internal.protocol.Call;
import io.duplex.internal.protocol.CallOutcome;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The calling context is current while arguments are converted (the reverse module's function
 * handles need the calling page then) and while the method runs, and is restored afterwards.
 */
class CurrentCallTest {

  /** A parameter type whose reader records the context current at conversion time. */
  public record Handle(String id, CallContext seenDuringConversion) {}

  private static final TypeAdapterFactory HANDLES =
      new TypeAdapterFactory() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
          if (type.getRawType() != Handle.class) {
            return null;
          }
          return (TypeAdapter<T>)
              new TypeAdapter<Handle>() {
                @Override
                public void write(JsonWriter out, Handle value) {
                  throw new UnsupportedOperationException();
                }

                @Override
                public Handle read(JsonReader in) throws IOException {
                  return new Handle(in.nextString(), CurrentCall.get());
                }
              };
        }
      };

  public static class Receiver {
    public List<Object> take(Handle handle) {
      return List.of(handle.seenDuringConversion(), CurrentCall.get());
    }

    public void explode(Handle handle) {
      throw new IllegalStateException("boom");
    }
  }

  private final CallDispatcher dispatcher = dispatcher();

  private static CallDispatcher dispatcher() {
    Duplex.Builder builder = Duplex.builder();
    ServiceExposure<Receiver> exposure = builder.expose("Receiver", Receiver.class, Receiver::new).methods("take", "explode");
    JsonConverter converter = JsonConverter.builder().register(HANDLES).build();
    ServiceRegistry registry = ServiceRegistry.create(List.of(exposure), converter, null);
    return new CallDispatcher(registry, converter, builder.build().config(), List.of());
  }

  private CallOutcome call(String method, InvocationContext context) throws Exception {
    Call call = new Call(1, "Receiver", method, JsonParser.parseString("[\"f7\"]").getAsJsonArray());
    return dispatcher.invoke(call, context).get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void clear() {
    CurrentCall.set(null);
  }

  @Test
  void contextIsCurrentDuringConversionAndInvocation() throws Exception {
    InvocationContext context = TestContext.user("ann").build();
    assertEquals(List.of(context, context), value(call("take", context)));
    assertNull(CurrentCall.get(), "cleared after the call");
  }

  @Test
  void previousContextIsRestoredAfterTheCallEvenWhenItFails() throws Exception {
    InvocationContext outer = TestContext.user("outer").build();
    CurrentCall.set(outer);
    assertEquals("SERVER_ERROR", call("explode", TestContext.user("inner").build()).error().code());
    assertSame(outer, CurrentCall.get());
    call("take", TestContext.user("inner").build());
    assertSame(outer, CurrentCall.get());
  }
}
