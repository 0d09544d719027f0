package io.duplex.samples;

/** How the samples app speaks HTTP on its one port. */
public enum HttpProtocol {
  /** Plain HTTP/1.1 (the default). */
  HTTP_1_1,
  /**
   * HTTP/1.1 and cleartext HTTP/2 on the same port: prior knowledge or {@code Upgrade: h2c}. For
   * clients and proxies that speak h2c; browsers speak HTTP/2 only over TLS.
   */
  H2C,
  /**
   * TLS with a self-signed certificate made at startup, HTTP/2 or HTTP/1.1 chosen by ALPN: what a
   * browser needs to use HTTP/2.
   */
  HTTPS;

  /** Whether browsers reach the app over HTTP/2, so all of a browser's tabs share one connection. */
  public boolean multiplexed() {
    return this != HTTP_1_1;
  }

  /** The URL scheme. */
  public String scheme() {
    return this == HTTPS ? "https" : "http";
  }
}
