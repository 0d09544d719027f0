package io.duplex.internal.remote;

import io.duplex.Scope;
import io.duplex.ScriptSession;

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
      Object current = instance;
      if (current == null) {
        synchronized (lock) {
          current = instance;
          if (current == null) {
            current = factory.create();
            instance = current;
          }
        }
      }
      return current;
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
      Object instance = session.getAttribute(key);
      if (instance != null) {
        return instance;
      }
      // ScriptSession has no atomic computeIfAbsent; two calls of one page may race on first use.
      synchronized (session) {
        instance = session.getAttribute(key);
        if (instance == null) {
          instance = factory.create();
          session.setAttribute(key, instance);
        }
        return instance;
      }
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
