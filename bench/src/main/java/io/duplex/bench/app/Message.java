package io.duplex.bench.app;

/**
 * One broadcast message.
 *
 * @param seq the publishing round, 1, 2, 3... for every page
 * @param sentNanos the server's {@code System.nanoTime()} when it published the round
 * @param text 50 characters of payload
 */
public record Message(long seq, long sentNanos, String text) {}
