package io.duplex.internal.convert;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/** Only JSON {@code true}/{@code false}: not the string "true", not 1. */
final class BooleanAdapter extends TypeAdapter<Boolean> {
  private final boolean primitive;

  BooleanAdapter(boolean primitive) {
    this.primitive = primitive;
  }

  @Override
  public Boolean read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.BOOLEAN) {
      return in.nextBoolean();
    }
    if (token == JsonToken.NULL && !primitive) {
      in.nextNull();
      return null;
    }
    throw ConversionFailure.expected("a boolean", in);
  }

  @Override
  public void write(JsonWriter out, Boolean value) throws IOException {
    if (value == null) {
      out.nullValue();
    } else {
      out.value(value.booleanValue());
    }
  }
}
