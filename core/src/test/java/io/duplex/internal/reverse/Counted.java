package io.duplex.internal.reverse;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A value whose every conversion to JSON is counted (register {@link #ADAPTER} with the converter). */
public record Counted(String text) {
  static final AtomicInteger CONVERSIONS = new AtomicInteger();

  static final TypeAdapterFactory ADAPTER =
      new TypeAdapterFactory() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
          if (type.getRawType() != Counted.class) {
            return null;
          }
          return (TypeAdapter<T>)
              new TypeAdapter<Counted>() {
                @Override
                public void write(JsonWriter out, Counted value) throws IOException {
                  CONVERSIONS.incrementAndGet();
                  out.value(value.text());
                }

                @Override
                public Counted read(JsonReader in) {
                  throw new UnsupportedOperationException();
                }
              };
        }
      };
}
