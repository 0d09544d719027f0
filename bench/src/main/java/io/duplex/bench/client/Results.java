package io.duplex.bench.client;

import com.google.gson.JsonObject;
import org.HdrHistogram.Histogram;

/** Result lines: {@code RESULT {json}} on standard output, one per measured configuration. */
final class Results {
  private Results() {}

  static JsonObject start(String workload, String server) {
    JsonObject result = new JsonObject();
    result.addProperty("workload", workload);
    result.addProperty("server", server);
    return result;
  }

  /** Latency in milliseconds from a histogram recorded in microseconds. */
  static void latency(JsonObject result, Histogram micros) {
    result.addProperty("samples", micros.getTotalCount());
    result.addProperty("p50Ms", micros.getTotalCount() == 0 ? -1 : micros.getValueAtPercentile(50) / 1000.0);
    result.addProperty("p99Ms", micros.getTotalCount() == 0 ? -1 : micros.getValueAtPercentile(99) / 1000.0);
    result.addProperty("maxMs", micros.getTotalCount() == 0 ? -1 : micros.getMaxValue() / 1000.0);
  }

  static void cpu(JsonObject result, ServerProbe.Mark start, ServerProbe.Mark end) {
    result.addProperty("serverCores", round(end.serverCores(start)));
    result.addProperty("clientCores", round(end.clientCores(start)));
    result.addProperty("otherCores", round(end.otherCores(start)));
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  static void emit(JsonObject result) {
    System.out.println("RESULT " + result);
    System.out.flush();
  }
}
