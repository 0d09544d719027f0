package io.duplex.internal.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Type;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Types carried as strings: java.time, Date, UUID, byte[]. */
class TextFormConversionTest {
  private static final Instant NOV_24 = Instant.parse("2026-11-24T09:30:00Z");

  private final Conversions c = new Conversions();

  static Stream<Arguments> isoValues() {
    return Stream.of(
        Arguments.of(Instant.class, NOV_24, "2026-11-24T09:30:00Z"),
        Arguments.of(Instant.class, NOV_24.plusMillis(123), "2026-11-24T09:30:00.123Z"),
        Arguments.of(LocalDate.class, LocalDate.of(2026, 11, 24), "2026-11-24"),
        Arguments.of(LocalTime.class, LocalTime.of(9, 30, 15), "09:30:15"),
        Arguments.of(
            LocalDateTime.class, LocalDateTime.of(2026, 11, 24, 9, 30, 15), "2026-11-24T09:30:15"),
        Arguments.of(
            OffsetDateTime.class,
            OffsetDateTime.of(2026, 11, 24, 9, 30, 15, 0, ZoneOffset.ofHours(1)),
            "2026-11-24T09:30:15+01:00"),
        Arguments.of(
            ZonedDateTime.class,
            ZonedDateTime.of(2026, 11, 24, 9, 30, 15, 0, ZoneId.of("Europe/Paris")),
            "2026-11-24T09:30:15+01:00[Europe/Paris]"),
        Arguments.of(Duration.class, Duration.ofMinutes(90), "PT1H30M"));
  }

  @ParameterizedTest
  @MethodSource("isoValues")
  void javaTimeIsIso8601BothWays(Type type, Object value, String iso) throws Exception {
    assertEquals('"' + iso + '"', c.write(value, type));
    assertEquals(value, c.read('"' + iso + '"', type));
    assertNull(c.read("null", type));
  }

  @Test
  void instantsAcceptAnOffsetAndJavaScriptsToIsoString() throws Exception {
    assertEquals(NOV_24, c.read("\"2026-11-24T10:30:00+01:00\"", Instant.class));
    assertEquals(NOV_24.plusMillis(5), c.read("\"2026-11-24T09:30:00.005Z\"", Instant.class));
  }

  @Test
  void zonedDateTimesAcceptAPlainOffset() throws Exception {
    ZonedDateTime read = (ZonedDateTime) c.read("\"2026-11-24T09:30:00Z\"", ZonedDateTime.class);
    assertEquals(NOV_24, read.toInstant());
  }

  @Test
  void malformedDatesAndTimesAreRefusedSayingTheForm() {
    assertEquals(
        "expected an ISO-8601 date (2026-11-24), got \"2026-13-01\"",
        c.refusal("\"2026-13-01\"", LocalDate.class));
    assertEquals(
        "expected an ISO-8601 instant (2026-11-24T09:30:00Z), got \"2026-11-24\"",
        c.refusal("\"2026-11-24\"", Instant.class));
    assertEquals(
        "expected an ISO-8601 instant (2026-11-24T09:30:00Z), got a number",
        c.refusal("1795512600000", Instant.class));
    assertEquals(
        "expected an ISO-8601 duration (PT1H30M), got \"90 minutes\"",
        c.refusal("\"90 minutes\"", Duration.class));
    assertEquals(
        "expected an ISO-8601 time (09:30:00), got \"25:00\"",
        c.refusal("\"25:00\"", LocalTime.class));
    c.refusal("\"2026-11-24T09:30\"", OffsetDateTime.class);
    c.refusal("\"2026-11-24\"", LocalDateTime.class);
  }

  @Test
  void datesAreIsoInstants() throws Exception {
    assertEquals("\"2026-11-24T09:30:00Z\"", c.write(Date.from(NOV_24), Date.class));
    assertEquals(
        "\"2026-11-24T09:30:00.250Z\"", c.write(Date.from(NOV_24.plusMillis(250)), Date.class));
    assertEquals(Date.from(NOV_24), c.read("\"2026-11-24T09:30:00Z\"", Date.class));
    Date date = new Date(1_700_000_000_123L);
    assertEquals(date, c.roundTrip(date, Date.class));
  }

  @Test
  void datesAcceptEpochMilliseconds() throws Exception {
    long millis = NOV_24.toEpochMilli();
    assertEquals(Date.from(NOV_24), c.read(Long.toString(millis), Date.class));
    assertEquals(new Date(-1000), c.read("-1000", Date.class));
    assertEquals(
        "expected an ISO-8601 instant (2026-11-24T09:30:00Z) or a number of epoch milliseconds,"
            + " got 1.5",
        c.refusal("1.5", Date.class));
    assertEquals(
        "expected an ISO-8601 instant (2026-11-24T09:30:00Z) or a number of epoch milliseconds,"
            + " got a boolean",
        c.refusal("true", Date.class));
    c.refusal("\"yesterday\"", Date.class);
  }

  @Test
  void dateSubclassesAreWrittenAsInstantsButNeverCreated() {
    Timestamp timestamp = Timestamp.from(NOV_24);
    assertEquals("\"2026-11-24T09:30:00Z\"", c.write(timestamp, Timestamp.class));
    assertEquals("\"2026-11-24T09:30:00Z\"", c.write(timestamp, Date.class));
    assertEquals("\"2026-11-24T09:30:00Z\"", c.write(timestamp, null));
    assertEquals(
        "cannot accept a value: its type cannot be created from JSON",
        c.refusal("\"2026-11-24T09:30:00Z\"", Timestamp.class));
  }

  @Test
  void uuidsAreCanonicalStrings() throws Exception {
    UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertEquals("\"123e4567-e89b-12d3-a456-426614174000\"", c.write(id, UUID.class));
    assertEquals(id, c.read("\"123e4567-e89b-12d3-a456-426614174000\"", UUID.class));
    assertEquals(id, c.read("\"123E4567-E89B-12D3-A456-426614174000\"", UUID.class));
    assertNull(c.read("null", UUID.class));
    assertEquals(
        "expected a UUID (8-4-4-4-12 hexadecimal digits), got \"1-2-3-4-5\"",
        c.refusal("\"1-2-3-4-5\"", UUID.class));
    c.refusal("\"123e4567e89b12d3a456426614174000\"", UUID.class);
    c.refusal("\"123e4567-e89b-12d3-a456-42661417400g\"", UUID.class);
    c.refusal("42", UUID.class);
  }

  @Test
  void byteArraysArePaddedStandardBase64() throws Exception {
    byte[] bytes = {0, 1, 2, (byte) 0xfb, (byte) 0xff};
    assertEquals("\"AAEC+/8=\"", c.write(bytes, byte[].class));
    assertArrayEquals(bytes, (byte[]) c.read("\"AAEC+/8=\"", byte[].class));
    assertArrayEquals(new byte[0], (byte[]) c.roundTrip(new byte[0], byte[].class));
    assertNull(c.read("null", byte[].class));
    assertEquals(
        "expected a base64 string, got \"AAEC-_8=\"", c.refusal("\"AAEC-_8=\"", byte[].class));
    assertEquals("expected a base64 string, got an array", c.refusal("[0,1]", byte[].class));
  }
}
