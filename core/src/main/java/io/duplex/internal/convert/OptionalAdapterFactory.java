package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** {@code Optional<T>} (and the primitive optionals) as the value itself, or null when empty. */
final class OptionalAdapterFactory implements TypeAdapterFactory {

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<?> raw = type.getRawType();
    if (raw == Optional.class) {
      Type inner =
          type.getType() instanceof ParameterizedType
              ? ((ParameterizedType) type.getType()).getActualTypeArguments()[0]
              : Object.class;
      TypeAdapter<Object> innerAdapter =
          (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(inner));
      return (TypeAdapter<T>) new OptionalAdapter(RuntimeTypeAdapter.of(gson, inner, innerAdapter));
    }
    if (raw == OptionalInt.class) {
      return (TypeAdapter<T>)
          new PrimitiveOptionalAdapter<OptionalInt>(NumberKind.INT) {
            @Override
            OptionalInt of(Number value) {
              return value == null ? OptionalInt.empty() : OptionalInt.of(value.intValue());
            }

            @Override
            Number get(OptionalInt value) {
              return value.isPresent() ? value.getAsInt() : null;
            }
          };
    }
    if (raw == OptionalLong.class) {
      return (TypeAdapter<T>)
          new PrimitiveOptionalAdapter<OptionalLong>(NumberKind.LONG) {
            @Override
            OptionalLong of(Number value) {
              return value == null ? OptionalLong.empty() : OptionalLong.of(value.longValue());
            }

            @Override
            Number get(OptionalLong value) {
              return value.isPresent() ? value.getAsLong() : null;
            }
          };
    }
    if (raw == OptionalDouble.class) {
      return (TypeAdapter<T>)
          new PrimitiveOptionalAdapter<OptionalDouble>(NumberKind.DOUBLE) {
            @Override
            OptionalDouble of(Number value) {
              return value == null
                  ? OptionalDouble.empty()
                  : OptionalDouble.of(value.doubleValue());
            }

            @Override
            Number get(OptionalDouble value) {
              return value.isPresent() ? value.getAsDouble() : null;
            }
          };
    }
    return null;
  }

  private static final class OptionalAdapter extends TypeAdapter<Optional<Object>> {
    private final TypeAdapter<Object> inner;

    OptionalAdapter(TypeAdapter<Object> inner) {
      this.inner = inner;
    }

    @Override
    public Optional<Object> read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return Optional.empty();
      }
      return Optional.ofNullable(inner.read(in));
    }

    @Override
    public void write(JsonWriter out, Optional<Object> value) throws IOException {
      if (value == null || value.isEmpty()) {
        out.nullValue();
      } else {
        inner.write(out, value.get());
      }
    }
  }

  private abstract static class PrimitiveOptionalAdapter<O> extends TypeAdapter<O> {
    private final NumberAdapter numbers;

    PrimitiveOptionalAdapter(NumberKind kind) {
      this.numbers = new NumberAdapter(kind, false);
    }

    abstract O of(Number value);

    abstract Number get(O value);

    @Override
    public O read(JsonReader in) throws IOException {
      return of(numbers.read(in));
    }

    @Override
    public void write(JsonWriter out, O value) throws IOException {
      numbers.write(out, value == null ? null : get(value));
    }
  }
}
