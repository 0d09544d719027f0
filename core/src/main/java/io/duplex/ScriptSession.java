package io.duplex;

import java.time.Instant;

/**
 * One open browser page (one tab's page load), from the moment its engine starts until it unloads,
 * its HTTP session ends, or it stays unseen for {@code scriptSessionTimeoutMillis} ({@code
 * firstContactTimeoutMillis} before its first request after the handshake), or a newer page of its
 * HTTP session exceeds {@code maxPagesPerHttpSession} while this one is the least recently active.
 */
public interface ScriptSession {
  /**
   * {@return the unguessable id (at least 128 random bits), bound to the HTTP session that created
   * it}
   */
  String id();

  /**
   * {@return the page's normalised path relative to the application's context path, e.g. {@code
   * /chat.html} for a page at {@code /shop/chat.html} of an application deployed at {@code /shop}
   * (query only with pageIncludesQuery)}
   */
  String page();

  /** {@return when the page's engine started this session} */
  Instant createdAt();

  /** {@return when a request of this page last reached the server} */
  Instant lastSeenAt();

  /**
   * The id of the HTTP session this page belongs to. It follows {@code changeSessionId()} (the
   * usual login step), so {@code browser().httpSession(newId)} finds the page.
   *
   * @return the current HTTP session id
   */
  String httpSessionId();

  /**
   * The remote user of the page's latest request ({@code getRemoteUser()}), else null. It follows
   * login and logout: each request of the page updates it, so {@code browser().user("ann")} finds a
   * page opened before ann logged in once it has sent a request (call, poll or stream) since.
   *
   * @return the user's name, or null
   */
  String user();

  /**
   * An application value kept with this page.
   *
   * @param name the attribute's name
   * @return its value, or null
   */
  Object getAttribute(String name);

  /**
   * Keeps an application value with this page until it closes.
   *
   * @param name the attribute's name
   * @param value its value; null removes it
   */
  void setAttribute(String name, Object value);

  /**
   * Removes an application value.
   *
   * @param name the attribute's name
   * @return the value it had, or null
   */
  Object removeAttribute(String name);

  /** {@return false once the page has closed or was invalidated} */
  boolean isValid();

  /** Ends the session now: its queue is discarded and listeners hear {@code destroyed}. */
  void invalidate();

  /** {@return depth, bytes and drops of this page's outbound queue} */
  QueueStats queueStats();

  /** {@return targets of this page alone} */
  Targets target();

  /**
   * {@return the topics this page is subscribed to now, a read-only set} See {@link Topic}; empty
   * once the page has closed.
   */
  default java.util.Set<String> topics() {
    return java.util.Set.of();
  }
}
