package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.ReflectionAccessFilter;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.internal.bind.JsonTreeReader;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Converts between JSON and declared Java types as protocol section 3.2 says, for forward calls
 * (arguments in, return values out) and reverse calls (arguments out). Built on gson, with strict
 * adapters in front of its lenient built-ins: a value of the wrong JSON type is refused, never
 * coerced, and nothing in the JSON can choose a class. Beans are converted by their public surface
 * only ({@link BeanProperties}), records by their components. Thread-safe; readers and writers are
 * cached per type.
 */
public final class JsonConverter {
  private final Gson gson;
  private final ConcurrentMap<Type, ValueReader> readers = new ConcurrentHashMap<>();
  private final ConcurrentMap<Type, ValueWriter> writers = new ConcurrentHashMap<>();
  private final ValueWriter runtimeWriter;

  private JsonConverter(Builder builder) {
    GsonBuilder gb =
        new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            // Without Unsafe, a bean's constructor and field initialisers always run.
            .disableJdkUnsafe()
            // No reading or writing JDK internals field by field (Thread, ClassLoader, ...).
            .addReflectionAccessFilter(ReflectionAccessFilter.BLOCK_ALL_PLATFORM)
            .setExclusionStrategies(new NotRemoteExclusion())
            .setObjectToNumberStrategy(ObjectNumbers.INSTANCE);
    // GsonBuilder consults the factory registered last first. Registered adapters come before
    // the general rules, which would refuse some of their types (JsFunction is an interface).
    // BeanAdapterFactory sits behind ShapeGuardFactory, which delegates to it for beans.
    gb.registerTypeAdapterFactory(new BeanAdapterFactory())
        .registerTypeAdapterFactory(new ShapeGuardFactory())
        .registerTypeAdapterFactory(new AbstractTypeFactory())
        .registerTypeAdapterFactory(new MapAdapterFactory())
        .registerTypeAdapterFactory(new OptionalAdapterFactory())
        .registerTypeAdapterFactory(new EnumAdapterFactory())
        .registerTypeAdapterFactory(new ScalarAdapterFactory());
    for (int i = builder.factories.size() - 1; i >= 0; i--) {
      // Reversed so the first registered wins.
      gb.registerTypeAdapterFactory(new HierarchyFactory(builder.factories.get(i)));
    }
    this.gson = gb.create();
    this.runtimeWriter = writer(Object.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A reader for {@code type}; cheap after the first call for that type. */
  public ValueReader reader(Type type) {
    Objects.requireNonNull(type, "type");
    ValueReader reader = readers.get(type);
    if (reader == null) {
      TypeAdapter<Object> adapter = adapter(type);
      reader = (TypeAdapter<?>) adapter instanceof StringAdapter
          ? new StringValueReader(new AdapterReader(adapter))
          : new AdapterReader(adapter);
      ValueReader raced = readers.putIfAbsent(type, reader);
      if (raced != null) {
        reader = raced;
      }
    }
    return reader;
  }

  /**
   * A writer for values declared as {@code type}; null means "by the value's runtime class". An
   * instance of a subclass of a declared class is written by its own class (as gson does for fields
   * and elements); generic type arguments come from the declared type.
   */
  public ValueWriter writer(Type type) {
    if (type == null) {
      return runtimeWriter;
    }
    ValueWriter writer = writers.get(type);
    if (writer == null) {
      writer = new AdapterWriter(RuntimeTypeAdapter.of(gson, type, adapter(type)));
      ValueWriter raced = writers.putIfAbsent(type, writer);
      if (raced != null) {
        writer = raced;
      }
    }
    return writer;
  }

  public Object fromJson(JsonElement json, Type type) throws ConversionException {
    return reader(type).read(json);
  }

  public String toJson(Object value, Type declaredType) {
    return writer(declaredType).toJson(value);
  }

  public void writeJson(Object value, Type declaredType, JsonWriter out) throws IOException {
    writer(declaredType).write(value, out);
  }

  /** The configured gson, for adapters that need to convert nested values. */
  public Gson gson() {
    return gson;
  }

  @SuppressWarnings("unchecked")
  private TypeAdapter<Object> adapter(Type type) {
    return (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(type));
  }

  private static final class AdapterReader implements ValueReader {
    private final TypeAdapter<Object> adapter;

    AdapterReader(TypeAdapter<Object> adapter) {
      this.adapter = adapter;
    }

    @Override
    public Object read(JsonElement json) throws ConversionException {
      JsonTreeReader in = new JsonTreeReader(json == null ? JsonNull.INSTANCE : json);
      try {
        return adapter.read(in);
      } catch (ConversionFailure e) {
        throw new ConversionException(e.getMessage(), e.getCause());
      } catch (IOException | RuntimeException e) {
        // Something below refused the value without our wording, e.g. a record's constructor
        // rejecting its arguments. Say where, not what: its message may hold internals.
        throw new ConversionException(ConversionFailure.invalid(in.getPreviousPath()), e);
      }
    }
  }

  /**
   * Strings, the commonest argument type, read from the tree as they are: a JsonTreeReader costs
   * a 2 KB buffer it never uses (its JsonReader superclass allocates one), about a sixth of a
   * forward call's allocation. Anything but a string or null goes to the general path, which
   * refuses it with the usual wording.
   */
  private static final class StringValueReader implements ValueReader {
    private final ValueReader general;

    StringValueReader(ValueReader general) {
      this.general = general;
    }

    @Override
    public Object read(JsonElement json) throws ConversionException {
      if (json instanceof JsonPrimitive text && text.isString()) {
        return text.getAsString();
      }
      if (json == null || json.isJsonNull()) {
        return null;
      }
      return general.read(json);
    }
  }

  private static final class AdapterWriter implements ValueWriter {
    private final TypeAdapter<Object> adapter;

    AdapterWriter(TypeAdapter<Object> adapter) {
      this.adapter = adapter;
    }

    @Override
    public void write(Object value, JsonWriter out) throws IOException {
      adapter.write(out, value);
    }

    @Override
    public String toJson(Object value) {
      StringWriter text = new StringWriter();
      try {
        adapter.write(new JsonWriter(text), value);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringWriter does not fail
      }
      return text.toString();
    }
  }

  public static final class Builder {
    private final List<TypeAdapterFactory> factories = new ArrayList<>();

    private Builder() {}

    /**
     * Adds adapters for extra types, consulted before the built-in rules (the first registered
     * first); null is ignored. A factory that claims a type is also used for that type's subtypes,
     * so values of an implementation class never fall back to being written as beans. Its
     * adapters may throw {@link ConversionFailure} for JSON that does not fit.
     */
    public Builder register(TypeAdapterFactory factory) {
      if (factory != null) {
        factories.add(factory);
      }
      return this;
    }

    public JsonConverter build() {
      return new JsonConverter(this);
    }
  }
}
