package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * A value declared as {@link Number}: reads a JSON number as Long or Double (like values declared
 * as Object); writes by the runtime class, so a Long keeps the 2^53 rule.
 */
final class AnyNumberAdapter extends TypeAdapter<Number> {
  private final Gson gson;

  AnyNumberAdapter(Gson gson) {
    this.gson = gson;
  }

  @Override
  public Number read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.NUMBER) {
      return ObjectNumbers.INSTANCE.readNumber(in);
    }
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    throw ConversionFailure.expected("a number", in);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void write(JsonWriter out, Number value) throws IOException {
    if (value == null) {
      out.nullValue();
    } else {
      ((TypeAdapter<Number>) gson.getAdapter(value.getClass())).write(out, value);
    }
  }
}
