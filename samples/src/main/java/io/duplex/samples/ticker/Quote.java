package io.duplex.samples.ticker;

/** One symbol's price and its change since the market opened (the app started). */
public record Quote(String symbol, double price, double change, double changePercent) {}
