package io.duplex.samples.callcenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CallerGeneratorTest {
  @Test
  void callersHaveUkOrUsNumbersAndSomeAreStrangers() {
    CallerGenerator generator = new CallerGenerator(new Random(7));
    var callers = IntStream.range(0, 200).mapToObj(i -> generator.next()).toList();

    assertTrue(callers.stream().allMatch(c -> c.number().matches("\\+44 \\(0\\) 1\\d{3} \\d{6}|\\+1 \\(\\d{3}\\) \\d{3} - \\d{4}")));
    assertTrue(callers.stream().anyMatch(c -> c.name() == null));
    assertTrue(callers.stream().anyMatch(c -> c.name() != null && !c.address().isEmpty()));
  }

  @Test
  void theSameSeedInventsTheSameCallers() {
    assertEquals(new CallerGenerator(new Random(3)).next(), new CallerGenerator(new Random(3)).next());
  }
}
