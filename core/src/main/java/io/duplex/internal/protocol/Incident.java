package io.duplex.internal.protocol;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ThreadLocalRandom;

/** Incident ids tie a browser's SERVER_ERROR to the server log line that has the stack trace. */
public final class Incident {
  private Incident() {}

  /** A short random id; unique enough to find in a log, not a secret. */
  public static String newId() {
    return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
  }

  /** Exception class, message and stack trace, for debug mode only. */
  public static String detail(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
