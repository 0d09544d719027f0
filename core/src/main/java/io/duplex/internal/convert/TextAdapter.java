package io.duplex.internal.convert;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.function.Function;

/**
 * A type carried as a JSON string in a fixed textual form (ISO-8601 dates, UUIDs, base64 bytes).
 * Any exception the parser throws means "not in that form".
 */
final class TextAdapter<T> extends TypeAdapter<T> {
  private final String expected;
  private final Function<String, T> parser;
  private final Function<T, String> formatter;

  TextAdapter(String expected, Function<String, T> parser, Function<T, String> formatter) {
    this.expected = expected;
    this.parser = parser;
    this.formatter = formatter;
  }

  @Override
  public T read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.STRING) {
      String text = in.nextString();
      try {
        return parser.apply(text);
      } catch (RuntimeException e) {
        throw ConversionFailure.refused(expected, in, ConversionFailure.quote(text), e);
      }
    }
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    throw ConversionFailure.expected(expected, in);
  }

  @Override
  public void write(JsonWriter out, T value) throws IOException {
    out.value(value == null ? null : formatter.apply(value));
  }
}
