package io.duplex.internal.reverse;

import java.util.function.Function;

/** The properties script sessions are indexed by, so that targeting costs O(matched pages). */
enum SessionKey {
  ID("session", ScriptSessionImpl::id),
  PAGE("page", ScriptSessionImpl::page),
  HTTP_SESSION("httpSession", ScriptSessionImpl::httpSessionId),
  USER("user", ScriptSessionImpl::user),
  OWNER("owner", ScriptSessionImpl::ownerKey);

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
