package io.duplex.internal.reverse;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what an open, idle page costs in core, for the figure README gives under
 * {@code maxScriptSessions}: the heap in use after full collections, before and after opening
 * {@code N} pages (each in an HTTP session of its own, no user, page name {@code /chat.html} as a
 * string of its own, as the handshake's JSON gives it), divided by {@code N}. The HTTP session's
 * id and Duplex's per-HTTP-session owner key are made before the first figure: they belong to the
 * HTTP session. Not a test (it asserts nothing); run it by hand:
 *
 * <pre>java -cp core/target/classes:core/target/test-classes:$(deps) io.duplex.internal.reverse.PageFootprint [N]</pre>
 */
final class PageFootprint {
  private PageFootprint() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    try (TestPages pages = new TestPages(b -> b.maxScriptSessions(n + 1))) {
      List<String> owners = new ArrayList<>(n);
      List<String> https = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        owners.add("owner-" + Long.toString(0x7fffffffffffL - i, 36) + "-" + i);
        https.add("node0" + Long.toString(0x7fffffffffffL - i, 36) + i);
      }
      // A warm-up page: classes loaded, static state made, not counted.
      pages.open("/warm.html").invalidate();
      List<ScriptSessionImpl> open = new ArrayList<>(n);
      long before = used();
      for (int i = 0; i < n; i++) {
        open.add(pages.manager.create(new String("/chat.html".toCharArray()), owners.get(i), https.get(i), null));
      }
      long after = used();
      System.out.printf("%d pages: %.0f bytes per page (heap in use %d -> %d)%n",
          n, (after - before) / (double) n, before, after);
      if (open.size() != pages.manager.openCount()) {
        throw new AssertionError("pages closed meanwhile");
      }
    }
  }

  /** Heap in use after full collections settle. */
  private static long used() throws InterruptedException {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(now - last) < 1024) {
        return now;
      }
      last = now;
    }
    return last;
  }
}
