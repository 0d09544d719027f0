package io.duplex.internal.remote;

import io.duplex.ClientVisible;
import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ErrorInfo;
import io.duplex.internal.protocol.IncidentLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what an exposed method threw into what the browser may see. Client-visible exceptions
 * ({@link ClientVisible} or registered types) keep their message; anything else becomes
 * {@code SERVER_ERROR} with an incident id that is logged (with the stack trace, at most once a
 * minute per failure site: {@link IncidentLog}), so nothing about the server's internals leaks unless
 * debug mode is on.
 */
final class CallErrors {
  private static final Logger log = LoggerFactory.getLogger(CallDispatcher.class);
  private static final char[] INCIDENT_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

  private final boolean debug;
  private final List<Class<? extends Throwable>> clientVisible;
  private final IncidentLog incidents;

  CallErrors(boolean debug, List<Class<? extends Throwable>> clientVisible) {
    this(debug, clientVisible, new IncidentLog(log));
  }

  CallErrors(boolean debug, List<Class<? extends Throwable>> clientVisible, IncidentLog incidents) {
    this.debug = debug;
    this.incidents = incidents;
    this.clientVisible = List.copyOf(clientVisible);
  }

  /** The error for an exception thrown by (or completing the future of) the method {@code label}. */
  ErrorInfo thrown(String label, Throwable thrown) {
    Throwable cause = unwrap(thrown);
    Class<?> type = cause.getClass();
    ClientVisible visible = type.getAnnotation(ClientVisible.class);
    if (visible != null || isRegistered(type)) {
      log.debug("{} threw client-visible {}", label, type.getName(), cause);
      String code = visible == null ? ErrorCode.APPLICATION_ERROR.name() : visible.code();
      String message = cause.getMessage() == null ? simpleName(type) : cause.getMessage();
      return new ErrorInfo(code, message, simpleName(type), null, null);
    }
    return serverError(label + " failed", cause);
  }

  /** A {@code SERVER_ERROR} whose incident id is logged with {@code what} and the exception. */
  ErrorInfo serverError(String what, Throwable cause) {
    String incident = incident();
    incidents.log(incident, what, cause);
    return new ErrorInfo(
        ErrorCode.SERVER_ERROR.name(),
        "Internal error (incident " + incident + ")",
        null,
        incident,
        debug ? stackTrace(cause) : null);
  }

  private boolean isRegistered(Class<?> type) {
    for (Class<? extends Throwable> registered : clientVisible) {
      if (registered.isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
  }

  static Throwable unwrap(Throwable thrown) {
    Throwable current = thrown;
    while ((current instanceof InvocationTargetException
            || current instanceof CompletionException
            || current instanceof ExecutionException
            || current instanceof UndeclaredThrowableException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** The simple name, or that of the nearest named superclass for anonymous classes. */
  private static String simpleName(Class<?> type) {
    Class<?> named = type;
    while (named.getSimpleName().isEmpty() && named.getSuperclass() != null) {
      named = named.getSuperclass();
    }
    return named.getSimpleName();
  }

  private static String stackTrace(Throwable cause) {
    StringWriter out = new StringWriter();
    cause.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static String incident() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[10];
    for (int i = 0; i < id.length; i++) {
      id[i] = INCIDENT_ALPHABET[random.nextInt(INCIDENT_ALPHABET.length)];
    }
    return new String(id);
  }
}
