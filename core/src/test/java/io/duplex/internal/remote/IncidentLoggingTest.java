package io.duplex.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.internal.protocol.ErrorInfo;
import io.duplex.internal.protocol.IncidentLog;
import io.duplex.internal.protocol.IncidentLogClock;
import io.duplex.testing.CapturingLogger;
import java.lang.reflect.InvocationTargetException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A client repeating a failing call gets an incident id per call, but not a stack trace per call. */
class IncidentLoggingTest {
  private final CapturingLogger logger = new CapturingLogger();
  private final CallErrors errors = new CallErrors(false, List.of(), new IncidentLog(logger));

  private static RuntimeException failure() {
    return new IllegalStateException("database is down");
  }

  @Test
  void aThousandIdenticalFailuresLogOneTraceAndAThousandIds() {
    Set<String> incidents = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ErrorInfo error = errors.thrown("Shop.lookup", new InvocationTargetException(failure()));
      assertEquals("SERVER_ERROR", error.code());
      incidents.add(error.incident());
    }

    assertEquals(1000, incidents.size());
    List<CapturingLogger.Line> lines = logger.lines();
    assertEquals(1000, lines.size(), "one line per incident");
    assertEquals(1, lines.stream().filter(l -> l.thrown() != null).count(), "one stack trace");
    Set<String> logged = new HashSet<>();
    for (CapturingLogger.Line line : lines) {
      String id = line.message().substring("Incident ".length(), line.message().indexOf(':'));
      logged.add(id);
      assertTrue(
          line.message().contains("Shop.lookup failed: java.lang.IllegalStateException"),
          line.message());
    }
    assertEquals(incidents, logged, "every id the browser got is in the log");
    String first = lines.get(0).message();
    String firstId = first.substring("Incident ".length(), first.indexOf(':'));
    assertTrue(
        lines.get(1).message().contains("stack trace as in incident " + firstId),
        lines.get(1).message());
  }

  @Test
  void eachSiteAndExceptionTypeGetsItsOwnTrace() {
    errors.thrown("Shop.lookup", failure());
    errors.thrown("Shop.lookup", new IllegalArgumentException("other type"));
    errors.thrown("Shop.order", failure());
    errors.thrown("Shop.lookup", failure());

    assertEquals(
        List.of(true, true, true, false),
        logger.lines().stream().map(l -> l.thrown() != null).toList());
  }

  @Test
  void theTraceIsLoggedAgainAfterTheInterval() {
    long[] now = {0};
    CallErrors timed =
        new CallErrors(false, List.of(), IncidentLogClock.withClock(logger, () -> now[0]));
    timed.thrown("Shop.lookup", failure());
    now[0] += IncidentLogClock.interval() - 1;
    timed.thrown("Shop.lookup", failure());
    now[0] += 1;
    timed.thrown("Shop.lookup", failure());

    List<CapturingLogger.Line> lines = logger.lines();
    assertNotNull(lines.get(0).thrown());
    assertNull(lines.get(1).thrown());
    assertNotNull(lines.get(2).thrown());
  }
}
