package io.duplex.internal.convert;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;

/**
 * {@link Date} (and, for writing, its subclasses such as java.sql.Timestamp) as an ISO-8601
 * instant; epoch milliseconds are accepted on input because that is what JavaScript's {@code
 * Date.now()} gives.
 */
final class DateAdapter extends TypeAdapter<Date> {
  static final String EXPECTED =
      "an ISO-8601 instant (2026-11-24T09:30:00Z) or a number of epoch milliseconds";

  private final boolean readable;

  /** {@code readable} false for subclasses: their extra state cannot come from an instant. */
  DateAdapter(boolean readable) {
    this.readable = readable;
  }

  @Override
  public Date read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (!readable && token != JsonToken.NULL) {
      throw ConversionFailure.cannotCreate(
          in, new IllegalArgumentException("only java.util.Date itself is read, not subclasses"));
    }
    if (token == JsonToken.STRING) {
      String text = in.nextString();
      try {
        return Date.from(Instant.parse(text));
      } catch (RuntimeException e) {
        throw ConversionFailure.refused(EXPECTED, in, ConversionFailure.quote(text), e);
      }
    }
    if (token == JsonToken.NUMBER) {
      String text = in.nextString();
      try {
        return new Date(NumberKind.LONG.parse(text).longValue());
      } catch (NumberFormatException | ArithmeticException e) {
        throw ConversionFailure.refused(EXPECTED, in, ConversionFailure.number(text), null);
      }
    }
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    throw ConversionFailure.expected(EXPECTED, in);
  }

  @Override
  public void write(JsonWriter out, Date value) throws IOException {
    // getTime, not toInstant: java.sql.Date.toInstant() throws.
    out.value(value == null ? null : Instant.ofEpochMilli(value.getTime()).toString());
  }
}
