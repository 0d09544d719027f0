package io.duplex.internal.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.duplex.JsFunction;
import io.duplex.ScriptSession;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The converter as other parts use it: cached readers and writers, streaming, extensions. */
class JsonConverterTest {
  record Person(String name, int age) {}

  record Subscription(String topic, JsFunction callback) {}

  /** What the reverse-call side registers: {"$fn": "f7"} into a JsFunction. */
  record Handle(String id) implements JsFunction {
    @Override
    public boolean call(Object... args) {
      return false;
    }

    @Override
    public void release() {}

    @Override
    public ScriptSession session() {
      return null;
    }
  }

  static final class HandleFactory implements TypeAdapterFactory {
    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      if (type.getRawType() != JsFunction.class) {
        return null;
      }
      return (TypeAdapter<T>)
          new TypeAdapter<JsFunction>() {
            @Override
            public JsFunction read(JsonReader in) throws IOException {
              if (in.peek() != JsonToken.BEGIN_OBJECT) {
                throw ConversionFailure.expected("a function", in);
              }
              in.beginObject();
              in.nextName();
              Handle handle = new Handle(in.nextString());
              in.endObject();
              return handle;
            }

            @Override
            public void write(JsonWriter out, JsFunction value) throws IOException {
              out.beginObject().name("$fn").value(((Handle) value).id()).endObject();
            }
          };
    }
  }

  private final JsonConverter converter = JsonConverter.builder().build();

  @Test
  void readersAndWritersAreCachedPerType() {
    Type list = new TypeToken<List<Person>>() {}.getType();
    assertSame(
        converter.reader(list), converter.reader(new TypeToken<List<Person>>() {}.getType()));
    assertSame(converter.writer(list), converter.writer(list));
    assertSame(converter.writer(null), converter.writer(null));
  }

  @Test
  void fromJsonTakesATreeAndJavaNullIsJsonNull() throws Exception {
    assertEquals(
        new Person("a", 1),
        converter.fromJson(JsonParser.parseString("{\"name\":\"a\",\"age\":1}"), Person.class));
    assertNull(converter.fromJson(null, String.class));
    assertNull(converter.fromJson(JsonNull.INSTANCE, Person.class));
    assertEquals(
        "expected a number, got null",
        assertThrows(ConversionException.class, () -> converter.reader(int.class).read(null))
            .getMessage());
  }

  @Test
  void writeJsonStreamsIntoTheCallersWriter() throws Exception {
    StringWriter text = new StringWriter();
    JsonWriter out = new JsonWriter(text);
    out.beginObject().name("args").beginArray();
    converter.writeJson(new Person("a", 1), Person.class, out);
    converter.writeJson(9007199254740993L, long.class, out);
    converter.writeJson(null, null, out);
    converter.writer(Object.class).write(List.of(1L, "x"), out);
    out.endArray().endObject();
    assertEquals(
        "{\"args\":[{\"name\":\"a\",\"age\":1},\"9007199254740993\",null,[1,\"x\"]]}",
        text.toString());
  }

  @Test
  void aNullDeclaredTypeMeansTheRuntimeClass() {
    assertEquals("null", converter.toJson(null, null));
    assertEquals("\"x\"", converter.toJson("x", null));
    assertEquals("{\"name\":\"a\",\"age\":1}", converter.toJson(new Person("a", 1), null));
    assertEquals("{\"k\":[true]}", converter.writer(null).toJson(Map.of("k", List.of(true))));
  }

  @Test
  void registeredAdaptersComeBeforeTheGeneralRules() throws Exception {
    String json = "{\"topic\":\"news\",\"callback\":{\"$fn\":\"f7\"}}";
    Conversions plain = new Conversions(converter);
    assertEquals(
        "cannot accept a value at $.callback: its type cannot be created from JSON",
        plain.refusal(json, Subscription.class),
        "without the extension a JsFunction is just an interface");

    JsonConverter extended =
        JsonConverter.builder().register(null).register(new HandleFactory()).build();
    Subscription read =
        (Subscription) extended.fromJson(JsonParser.parseString(json), Subscription.class);
    assertEquals(new Subscription("news", new Handle("f7")), read);
    assertEquals(json, extended.toJson(read, Subscription.class));
  }

  @Test
  void anExtensionAlsoWritesTheImplementationClassesOfItsType() {
    JsonConverter extended = JsonConverter.builder().register(new HandleFactory()).build();
    Handle handle = new Handle("f9");
    String fn = "{\"$fn\":\"f9\"}";
    assertEquals(fn, extended.toJson(handle, JsFunction.class));
    assertEquals(fn, extended.toJson(handle, Handle.class));
    assertEquals(fn, extended.toJson(handle, null));
    assertEquals(
        "[" + fn + "]",
        extended.toJson(List.of(handle), new TypeToken<List<JsFunction>>() {}.getType()));
    assertEquals("[" + fn + "]", extended.toJson(new JsFunction[] {handle}, JsFunction[].class));
    assertEquals(
        "{\"topic\":\"t\",\"callback\":" + fn + "}",
        extended.toJson(new Subscription("t", handle), null));
  }

  @Test
  void theFirstRegisteredAdapterWins() throws Exception {
    TypeAdapterFactory upperCase =
        new TypeAdapterFactory() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (type.getRawType() != JsFunction.class) {
              return null;
            }
            return (TypeAdapter<T>)
                new TypeAdapter<JsFunction>() {
                  @Override
                  public JsFunction read(JsonReader in) throws IOException {
                    in.skipValue();
                    return new Handle("FIRST");
                  }

                  @Override
                  public void write(JsonWriter out, JsFunction value) throws IOException {
                    out.nullValue();
                  }
                };
          }
        };
    JsonConverter both =
        JsonConverter.builder().register(upperCase).register(new HandleFactory()).build();
    assertEquals(
        new Handle("FIRST"),
        both.fromJson(JsonParser.parseString("{\"$fn\":\"f1\"}"), JsFunction.class));
  }

  @Test
  void extensionsReportFailuresInTheSameWords() {
    Conversions extended =
        new Conversions(JsonConverter.builder().register(new HandleFactory()).build());
    assertEquals(
        "expected a function at $.callback, got a string",
        extended.refusal("{\"topic\":\"t\",\"callback\":\"alert(1)\"}", Subscription.class));
  }

  @Test
  void oneConverterServesManyThreads() throws Exception {
    Type type = new TypeToken<Map<String, List<Person>>>() {}.getType();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  Map<String, List<Person>> value =
                      Map.of("k" + n, List.of(new Person("p" + n, n)));
                  String json = converter.toJson(value, type);
                  return value.equals(converter.fromJson(JsonParser.parseString(json), type));
                }));
      }
      for (Future<Boolean> result : results) {
        assertEquals(true, result.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
