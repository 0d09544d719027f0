package io.duplex.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StockMarketTest {
  @Test
  void theMarketOpensAtItsOpeningPricesWithNoChange() {
    StockMarket market = new StockMarket(new Random(1), Map.of("DPLX", 42.0));
    assertEquals(List.of(new Quote("DPLX", 42.0, 0.0, 0.0)), market.quotes());
  }

  @Test
  void pricesWanderButStayPositiveAndChangeIsMeasuredFromTheOpen() {
    StockMarket market = new StockMarket(new Random(5), Map.of("TINY", 0.02));
    List<Quote> last = market.quotes();
    boolean moved = false;
    for (int i = 0; i < 5_000; i++) {
      List<Quote> now = market.step();
      Quote q = now.get(0);
      assertTrue(q.price() >= 0.01, "price " + q.price());
      assertEquals(Math.round((q.price() - 0.02) * 100) / 100.0, q.change(), 1e-9);
      moved |= !now.equals(last);
      last = now;
    }
    assertTrue(moved);
  }

  @Test
  void everySymbolIsQuotedEachStepInTheSameOrder() {
    StockMarket market = StockMarket.demo(new Random(2));
    List<Quote> before = market.quotes();
    List<Quote> after = market.step();
    assertEquals(before.stream().map(Quote::symbol).toList(), after.stream().map(Quote::symbol).toList());
    assertEquals(List.of("DPLX", "AJAX", "COMT", "JAVA", "HTTP", "JSON"), after.stream().map(Quote::symbol).toList());
    StockMarket busy = StockMarket.demo(new Random(2));
    for (int i = 0; i < 50; i++) {
      busy.step();
    }
    assertNotEquals(before, busy.quotes());
  }

  @Test
  void aMarketNeedsPositiveOpeningPrices() {
    assertThrows(IllegalArgumentException.class, () -> new StockMarket(new Random(), Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new StockMarket(new Random(), Map.of("X", 0.0)));
  }
}
