package io.duplex.bench.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.duplex.bench.server.ProcessStats;
import org.eclipse.jetty.http.HttpMethod;

/** Reads the server's /control/stats and the client's own CPU time, for per-window figures. */
final class ServerProbe {
  private final BenchHttp http;

  ServerProbe(BenchHttp http) {
    this.http = http;
  }

  JsonObject stats(boolean gc) throws Exception {
    return stats(gc, false);
  }

  /** {@code resetPeak}: the server's heap high-water marks start again from now. */
  JsonObject stats(boolean gc, boolean resetPeak) throws Exception {
    String query = "/control/stats?gc=" + gc + (resetPeak ? "&resetPeak=true" : "");
    return JsonParser.parseString(http.control(HttpMethod.GET, query, 120_000)).getAsJsonObject();
  }

  /** A point in time on both sides, to compute CPU use over a window. */
  Mark mark() throws Exception {
    JsonObject s = stats(false);
    return new Mark(System.nanoTime(), s.get("nanoTime").getAsLong(), s.get("cpuNanos").getAsLong(),
        ProcessStats.cpuNanos(), ProcessStats.machineBusyNanos());
  }

  /** Times on both sides; {@code machineBusy} is every CPU's busy time (all processes, kernel). */
  record Mark(long nanos, long serverNanos, long serverCpu, long clientCpu, long machineBusy) {
    /**
     * Fraction of one core the server used between {@code start} and this mark, over the server's
     * own clock readings (a busy server answers the stats request late).
     */
    double serverCores(Mark start) {
      return (serverCpu - start.serverCpu) / (double) (serverNanos - start.serverNanos);
    }

    double clientCores(Mark start) {
      return (clientCpu - start.clientCpu) / (double) (nanos - start.nanos);
    }

    /**
     * Cores busy with anything but the two bench JVMs (other processes, and kernel work such as
     * loopback packet handling not charged to either): a disturbed measurement shows here.
     */
    double otherCores(Mark start) {
      if (machineBusy < 0 || start.machineBusy < 0) {
        return -1;
      }
      return ((machineBusy - start.machineBusy) - (serverCpu - start.serverCpu) - (clientCpu - start.clientCpu))
          / (double) (nanos - start.nanos);
    }

    double seconds(Mark start) {
      return (nanos - start.nanos) / 1e9;
    }
  }
}
