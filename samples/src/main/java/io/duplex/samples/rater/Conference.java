package io.duplex.samples.rater;

import java.util.List;

/** The programme the session rater shows. */
public final class Conference {
  private Conference() {}

  public static List<Talk> talks() {
    return List.of(
        new Talk("comet", "Comet: making the web a two-way medium", "Joe Walker", "Developer"),
        new Talk("push-at-scale", "Pushing to a million browsers without a million threads", "Greg Wilkins", "Developer"),
        new Talk("csp", "A strict Content-Security-Policy in practice", "Ana Ruiz", "Security"),
        new Talk("offline", "Nothing lost on reconnect: sequence numbers for humans", "Kofi Mensah", "Developer"),
        new Talk("dx", "Typed proxies: calling the browser like a Java object", "Mira Sato", "Developer"),
        new Talk("ux-live", "Designing interfaces that change under your cursor", "Lena Fischer", "Design"),
        new Talk("ops", "Long polls, proxies and load balancers", "Sam Okafor", "Operations"),
        new Talk("keynote", "The web is a conversation", "Priya Natarajan", "Keynote"));
  }
}
