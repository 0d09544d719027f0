package io.duplex.internal.convert;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/** One number type, strict: only JSON numbers (and decimal strings where the protocol allows). */
final class NumberAdapter extends TypeAdapter<Number> {
  private final NumberKind kind;
  private final boolean primitive;

  NumberAdapter(NumberKind kind, boolean primitive) {
    this.kind = kind;
    this.primitive = primitive;
  }

  @Override
  public Number read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.NUMBER || (token == JsonToken.STRING && kind.acceptsString)) {
      String text = in.nextString();
      try {
        return kind.parse(text);
      } catch (NumberFormatException | ArithmeticException e) {
        String shown =
            token == JsonToken.STRING
                ? ConversionFailure.quote(text)
                : ConversionFailure.number(text);
        throw ConversionFailure.refused(kind.range, in, shown, null);
      }
    }
    if (token == JsonToken.NULL && !primitive) {
      in.nextNull();
      return null;
    }
    throw ConversionFailure.expected(kind.tokens, in);
  }

  @Override
  public void write(JsonWriter out, Number value) throws IOException {
    if (value == null) {
      out.nullValue();
    } else {
      kind.write(out, value);
    }
  }
}
