package io.duplex.internal.reverse;

import java.util.function.Function;

/** The properties script sessions are indexed by, so that targeting costs O(matched pages). */
enum SessionKey {
  ID("session", ScriptSessionImpl::id),
  PAGE("page", ScriptSessionImpl::page),
  HTTP_SESSION("httpSession", ScriptSessionImpl::httpSessionId),
  USER("user", ScriptSessionImpl::user),
  OWNER("owner", ScriptSessionImpl::ownerKey),
  /**
   * A topic the page subscribed to: a page has several, so it is indexed by {@link
   * SessionIndex#subscribe} rather than by one value (its extractor gives none). Last, so that the
   * ordinals older nodes write on the backplane keep their meaning.
   */
  TOPIC("topic", session -> null) {
    @Override
    boolean matches(ScriptSessionImpl session, String value) {
      return session.subscribedTo(value);
    }
  };

  private final String label;
  private final Function<ScriptSessionImpl, String> extractor;

  SessionKey(String label, Function<ScriptSessionImpl, String> extractor) {
    this.label = label;
    this.extractor = extractor;
  }

  String of(ScriptSessionImpl session) {
    return extractor.apply(session);
  }

  boolean matches(ScriptSessionImpl session, String value) {
    return value.equals(of(session));
  }

  String label() {
    return label;
  }
}
