package io.duplex.redis;

import io.duplex.Duplex;

/**
 * A node in a JVM of its own, for a test to kill: {@code DyingNode <redisUrl> <pages>} joins the
 * backplane, opens that many pages over HTTP (which never answer an ask), prints {@code PAGE
 * <script session id>} for each and then {@code READY}, and waits to be killed.
 */
public final class DyingNode {
  private DyingNode() {}

  public static void main(String[] args) throws Exception {
    Node node = new Node(Duplex.builder().backplane(args[0]).build());
    for (int i = Integer.parseInt(args[1]); i > 0; i--) {
      System.out.println("PAGE " + node.open("/doomed.html").id());
    }
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(60_000);
    // Never closed: the test kills this JVM long before.
    System.exit(1);
  }
}
