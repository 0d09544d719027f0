package io.duplex.internal.convert;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/** Only JSON strings: a number or boolean is not silently turned into text. */
final class StringAdapter extends TypeAdapter<String> {
  @Override
  public String read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.STRING) {
      return in.nextString();
    }
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    throw ConversionFailure.expected("a string", in);
  }

  @Override
  public void write(JsonWriter out, String value) throws IOException {
    out.value(value); // writes null for null
  }
}
