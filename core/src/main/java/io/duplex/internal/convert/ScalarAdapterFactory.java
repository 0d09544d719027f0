package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The strict adapters for the single-value types of protocol section 3.2, replacing gson's lenient
 * built-ins (which read "12" into an int, 12 into a String and "true" into a boolean).
 */
final class ScalarAdapterFactory implements TypeAdapterFactory {
  private final Map<Class<?>, TypeAdapter<?>> adapters = new HashMap<>();

  ScalarAdapterFactory() {
    numbers(NumberKind.BYTE, byte.class, Byte.class);
    numbers(NumberKind.SHORT, short.class, Short.class);
    numbers(NumberKind.INT, int.class, Integer.class);
    numbers(NumberKind.LONG, long.class, Long.class);
    numbers(NumberKind.FLOAT, float.class, Float.class);
    numbers(NumberKind.DOUBLE, double.class, Double.class);
    adapters.put(BigInteger.class, new NumberAdapter(NumberKind.BIG_INTEGER, false));
    adapters.put(BigDecimal.class, new NumberAdapter(NumberKind.BIG_DECIMAL, false));
    adapters.put(boolean.class, new BooleanAdapter(true));
    adapters.put(Boolean.class, new BooleanAdapter(false));
    adapters.put(char.class, new CharAdapter(true));
    adapters.put(Character.class, new CharAdapter(false));
    adapters.put(String.class, new StringAdapter());
    text(UUID.class, "a UUID (8-4-4-4-12 hexadecimal digits)", Uuids::parse, UUID::toString);
    text(
        byte[].class,
        "a base64 string",
        Base64.getDecoder()::decode,
        Base64.getEncoder()::encodeToString);
    text(Instant.class, "an ISO-8601 instant (2026-11-24T09:30:00Z)", Instant::parse);
    text(LocalDate.class, "an ISO-8601 date (2026-11-24)", LocalDate::parse);
    text(LocalTime.class, "an ISO-8601 time (09:30:00)", LocalTime::parse);
    text(LocalDateTime.class, "an ISO-8601 date-time (2026-11-24T09:30:00)", LocalDateTime::parse);
    text(
        OffsetDateTime.class,
        "an ISO-8601 date-time with offset (2026-11-24T09:30:00+01:00)",
        OffsetDateTime::parse);
    text(
        ZonedDateTime.class,
        "an ISO-8601 date-time with offset or zone (2026-11-24T09:30:00+01:00[Europe/Paris])",
        ZonedDateTime::parse);
    text(Duration.class, "an ISO-8601 duration (PT1H30M)", Duration::parse);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<? super T> raw = type.getRawType();
    TypeAdapter<?> adapter = adapters.get(raw);
    if (adapter != null) {
      return (TypeAdapter<T>) adapter;
    }
    if (raw == Number.class) {
      return (TypeAdapter<T>) new AnyNumberAdapter(gson);
    }
    if (Date.class.isAssignableFrom(raw)) {
      return (TypeAdapter<T>) new DateAdapter(raw == Date.class);
    }
    return null;
  }

  private void numbers(NumberKind kind, Class<?> primitive, Class<?> boxed) {
    adapters.put(primitive, new NumberAdapter(kind, true));
    adapters.put(boxed, new NumberAdapter(kind, false));
  }

  private <T> void text(Class<T> type, String expected, Function<String, T> parser) {
    text(type, expected, parser, Object::toString);
  }

  private <T> void text(
      Class<T> type,
      String expected,
      Function<String, T> parser,
      Function<? super T, String> formatter) {
    adapters.put(type, new TextAdapter<T>(expected, parser, formatter::apply));
  }
}
