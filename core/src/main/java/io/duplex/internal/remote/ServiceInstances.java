package io.duplex.internal.remote;

import io.duplex.Scope;
import io.duplex.ScriptSession;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Where the instance serving a call comes from, by the service's {@link Scope}. */
abstract class ServiceInstances {
  /** The attribute name under which scoped instances are kept, e.g. {@code io.duplex.service.Chat}. */
  static final String KEY_PREFIX = "io.duplex.service.";

  final ServiceFactory factory;
  final String serviceName;
  final String key;

  private ServiceInstances(String serviceName, ServiceFactory factory) {
    this.serviceName = serviceName;
    this.factory = factory;
    this.key = KEY_PREFIX + serviceName;
  }

  /** @throws InstanceException when there is no instance to be had */
  abstract Object get(InvocationContext context);

  /**
   * The instance {@code stored} holds, else one created and stored while holding {@code lock}, so
   * that racing first calls create one; a failed creation stores nothing (the next call retries).
   */
  final Object once(Object lock, Supplier<Object> stored, Consumer<Object> store) {
    Object current = stored.get();
    if (current != null) {
      return current;
    }
    synchronized (lock) {
      current = stored.get();
      if (current == null) {
        current = factory.create();
        store.accept(current);
      }
      return current;
    }
  }

  static ServiceInstances of(Scope scope, String serviceName, ServiceFactory factory) {
    return switch (scope) {
      case APPLICATION -> new Application(serviceName, factory);
      case HTTP_SESSION -> new PerHttpSession(serviceName, factory);
      case SCRIPT_SESSION -> new PerPage(serviceName, factory);
      case REQUEST -> new PerRequest(serviceName, factory);
    };
  }

  /** One instance, created on the first call (a failed creation is retried by the next call). */
  private static final class Application extends ServiceInstances {
    private final Object lock = new Object();
    private volatile Object instance;

    Application(String serviceName, ServiceFactory factory) {
      super(serviceName, factory);
    }

    @Override
    Object get(InvocationContext context) {
      return once(lock, () -> instance, created -> instance = created);
    }
  }

  private static final class PerHttpSession extends ServiceInstances {
    PerHttpSession(String serviceName, ServiceFactory factory) {
      super(serviceName, factory);
    }

    @Override
    Object get(InvocationContext context) {
      AttributeStore store = context.httpSessionAttributes();
      if (store == null) {
        throw new InstanceException(
            "Service \"" + serviceName + "\" is HTTP_SESSION-scoped but the call came without an HTTP session");
      }
      return store.computeIfAbsent(key, factory::create);
    }
  }

  /** One instance per page, kept in the script session's attributes. */
  private static final class PerPage extends ServiceInstances {
    PerPage(String serviceName, ServiceFactory factory) {
      super(serviceName, factory);
    }

    @Override
    Object get(InvocationContext context) {
      ScriptSession session = context.scriptSession();
      if (session == null) {
        throw new InstanceException(
            "Service \"" + serviceName + "\" is SCRIPT_SESSION-scoped but the call came without a script session");
      }
      // ScriptSession has no atomic computeIfAbsent; two calls of one page may race on first use.
      return once(session, () -> session.getAttribute(key), created -> session.setAttribute(key, created));
    }
  }

  /** One instance per HTTP request, shared by the calls of its batch. */
  private static final class PerRequest extends ServiceInstances {
    PerRequest(String serviceName, ServiceFactory factory) {
      super(serviceName, factory);
    }

    @Override
    Object get(InvocationContext context) {
      AttributeStore store = context.requestAttributes();
      return store == null ? factory.create() : store.computeIfAbsent(key, factory::create);
    }
  }
}
