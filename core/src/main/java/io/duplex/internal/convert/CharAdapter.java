package io.duplex.internal.convert;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/** A char as a one-character string. */
final class CharAdapter extends TypeAdapter<Character> {
  private static final String EXPECTED = "a one-character string";

  private final boolean primitive;

  CharAdapter(boolean primitive) {
    this.primitive = primitive;
  }

  @Override
  public Character read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.STRING) {
      String text = in.nextString();
      if (text.length() != 1) {
        throw ConversionFailure.refused(EXPECTED, in, ConversionFailure.quote(text), null);
      }
      return text.charAt(0);
    }
    if (token == JsonToken.NULL && !primitive) {
      in.nextNull();
      return null;
    }
    throw ConversionFailure.expected(EXPECTED, in);
  }

  @Override
  public void write(JsonWriter out, Character value) throws IOException {
    out.value(value == null ? null : String.valueOf(value.charValue()));
  }
}
