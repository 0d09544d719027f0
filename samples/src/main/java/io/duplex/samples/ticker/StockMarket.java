package io.duplex.samples.ticker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A pretend market: each step moves every price by a small random percentage (a geometric random
 * walk), so prices wander but never reach zero. Used from one thread at a time.
 */
public final class StockMarket {
  /** Standard deviation of one step's relative move. */
  private static final double VOLATILITY = 0.004;

  private final Random random;
  private final Map<String, Double> opening;
  private final Map<String, Double> prices;

  public StockMarket(Random random, Map<String, Double> openingPrices) {
    if (openingPrices.isEmpty()) {
      throw new IllegalArgumentException("a market needs at least one symbol");
    }
    openingPrices.forEach(
        (symbol, price) -> {
          if (!(price > 0)) {
            throw new IllegalArgumentException(symbol + " needs a positive opening price");
          }
        });
    this.random = random;
    this.opening = new LinkedHashMap<>(openingPrices);
    this.prices = new LinkedHashMap<>(openingPrices);
  }

  public static StockMarket demo(Random random) {
    Map<String, Double> open = new LinkedHashMap<>();
    open.put("DPLX", 42.00);
    open.put("AJAX", 118.50);
    open.put("COMT", 23.75);
    open.put("JAVA", 311.20);
    open.put("HTTP", 64.10);
    open.put("JSON", 9.85);
    return new StockMarket(random, open);
  }

  /** Moves every price one step and returns the new quotes, in the symbols' order. */
  public List<Quote> step() {
    prices.replaceAll((symbol, price) -> Math.max(0.01, price * Math.exp(random.nextGaussian() * VOLATILITY)));
    return quotes();
  }

  public List<Quote> quotes() {
    List<Quote> quotes = new ArrayList<>(prices.size());
    prices.forEach(
        (symbol, price) -> {
          double open = opening.get(symbol);
          double shown = cents(price);
          quotes.add(new Quote(symbol, shown, cents(shown - open), cents((shown - open) * 100 / open)));
        });
    return quotes;
  }

  private static double cents(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
