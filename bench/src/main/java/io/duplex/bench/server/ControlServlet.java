package io.duplex.bench.server;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The load client's remote control of a bench server, outside the protocol under test:
 * {@code GET /control/stats[?gc=true][&resetPeak=true]}, {@code POST /control/publish?rate=&seconds=&window=[&topic=true]} (answers
 * when the run is over), {@code POST /control/delivered?seq=}, {@code POST /control/quit}.
 */
public final class ControlServlet extends HttpServlet {
  private static final Gson GSON = new Gson();

  private final BenchTarget target;
  private final PublishLoop loop;
  private final Runnable quit;

  public ControlServlet(BenchTarget target, Runnable quit) {
    this.target = target;
    this.loop = new PublishLoop(target);
    this.quit = quit;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"/stats".equals(req.getPathInfo())) {
      resp.sendError(404);
      return;
    }
    JsonObject stats = new JsonObject();
    boolean gc = Boolean.parseBoolean(req.getParameter("gc"));
    if (Boolean.parseBoolean(req.getParameter("resetPeak"))) {
      HeapPeak.reset();
    }
    stats.addProperty("heapPeakBytes", HeapPeak.used());
    stats.addProperty("heapAfterGcPeakBytes", HeapPeak.afterGc());
    stats.addProperty("maxHeapBytes", Runtime.getRuntime().maxMemory());
    stats.addProperty("heapBytes", gc ? ProcessStats.heapAfterGc() : ProcessStats.usedHeap());
    stats.addProperty("directBytes", ProcessStats.directBytes());
    stats.addProperty("threads", ProcessStats.threads());
    stats.addProperty("threadsOutsidePool", ProcessStats.threadsOutsidePool());
    stats.addProperty("rssBytes", ProcessStats.rssBytes());
    stats.addProperty("cpuNanos", ProcessStats.cpuNanos());
    stats.addProperty("nanoTime", System.nanoTime());
    stats.addProperty("pages", target.broadcastPages());
    stats.addProperty("gc", ProcessStats.gcNames());
    stats.addProperty("cpus", Runtime.getRuntime().availableProcessors());
    stats.addProperty("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    write(resp, stats.toString());
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    switch (path) {
      case "/delivered" -> {
        loop.delivered(Long.parseLong(req.getParameter("seq")));
        resp.setStatus(204);
      }
      case "/publish" -> {
        double rate = Double.parseDouble(req.getParameter("rate"));
        double seconds = Double.parseDouble(req.getParameter("seconds"));
        int window = Integer.parseInt(req.getParameter("window"));
        try {
          write(resp, GSON.toJson(loop.run(rate, seconds, window, "true".equals(req.getParameter("topic")))));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          resp.sendError(503);
        }
      }
      case "/quit" -> {
        resp.setStatus(204);
        Thread stopper = new Thread(quit, "bench-quit");
        stopper.setDaemon(true);
        stopper.start();
      }
      default -> resp.sendError(404);
    }
  }

  private static void write(HttpServletResponse resp, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    resp.setContentType("application/json");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
