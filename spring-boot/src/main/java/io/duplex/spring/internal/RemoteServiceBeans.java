package io.duplex.spring.internal;

import io.duplex.Duplex;
import io.duplex.RemoteService;
import io.duplex.Scope;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Exposes every bean whose class is annotated {@link RemoteService}, with the instance Spring manages
 * (dependencies injected, AOP and transaction proxies applied). The bean is looked up when the first
 * call needs it, not when the Duplex is built, so a service may itself inject the {@link Duplex}.
 *
 * <p>Duplex keeps the instance {@code getBean} returns for as long as the {@code @RemoteService}
 * scope says. A Spring singleton is therefore exposed with the default {@link Scope#APPLICATION};
 * for one instance per page, HTTP session or request, make the bean {@code @Scope("prototype")} and
 * give {@code @RemoteService} that scope. Anything else would keep an instance longer or shorter than
 * one of the two scopes says, and fails startup.
 */
public final class RemoteServiceBeans {
  private static final String JDK_PROXY_FIX =
      "use class-based proxies (spring.aop.proxy-target-class=true, the Spring Boot default)";

  private final ConfigurableListableBeanFactory beans;

  /** @param beans where the beans are found and, at their first call, got */
  public RemoteServiceBeans(ConfigurableListableBeanFactory beans) {
    this.beans = beans;
  }

  /**
   * Exposes the beans on {@code builder}.
   *
   * @return the names of the beans exposed
   * @throws IllegalStateException when a bean's Spring scope and Duplex scope disagree
   */
  public List<String> exposeOn(Duplex.Builder builder) {
    List<String> exposed = new ArrayList<>();
    for (String name : beans.getBeanNamesForAnnotation(RemoteService.class)) {
      if (ScopedProxyUtils.isScopedTarget(name)) {
        // The target behind a scoped proxy; the proxy (the bean without the prefix) is exposed.
        continue;
      }
      Class<?> type = serviceClass(name);
      RemoteService service = type.getAnnotation(RemoteService.class);
      checkScopes(name, type, service.scope());
      expose(builder, name, type);
      exposed.add(name);
    }
    return exposed;
  }

  /**
   * Checks the {@code @RemoteService} beans made by now (after the singletons are instantiated): an
   * interface-based proxy only shows once its bean exists, and would otherwise fail its first call.
   *
   * @throws IllegalStateException naming the bean and the fix
   */
  public void checkMade() {
    for (String name : beans.getBeanNamesForAnnotation(RemoteService.class)) {
      if (!ScopedProxyUtils.isScopedTarget(name) && beans.containsSingleton(name)) {
        serviceClass(name);
      }
    }
  }

  private <T> void expose(Duplex.Builder builder, String name, Class<T> type) {
    builder.expose(type, () -> instance(name, type));
  }

  private <T> T instance(String name, Class<T> type) {
    Object bean = beans.getBean(name);
    if (!type.isInstance(bean)) {
      throw new IllegalStateException(
          "Spring bean '" + name + "' is a " + bean.getClass().getName() + ", not a " + type.getName()
              + (Proxy.isProxyClass(bean.getClass()) ? ", an interface-based (JDK) proxy; " + JDK_PROXY_FIX : ""));
    }
    return type.cast(bean);
  }

  /** The bean's own class (not a CGLIB subclass) carrying @RemoteService. */
  private Class<?> serviceClass(String name) {
    Class<?> type = beans.getType(name);
    if (type != null && Proxy.isProxyClass(type)) {
      throw new IllegalStateException(
          "@RemoteService bean '" + name + "' is an interface-based (JDK) proxy, which is not an instance of its class; "
              + JDK_PROXY_FIX);
    }
    for (Class<?> c = type == null ? null : ClassUtils.getUserClass(type); c != null && c != Object.class; c = c.getSuperclass()) {
      if (c.isAnnotationPresent(RemoteService.class)) {
        return c;
      }
    }
    throw new IllegalStateException(
        "@RemoteService bean '" + name + "': its type (" + type + ") does not carry @RemoteService; declare the bean with its own class");
  }

  private void checkScopes(String name, Class<?> type, Scope duplexScope) {
    String springScope = beans.containsBeanDefinition(name) ? beans.getMergedBeanDefinition(name).getScope() : "";
    boolean singleton = springScope.isEmpty() || springScope.equals(BeanDefinition.SCOPE_SINGLETON);
    boolean prototype = springScope.equals(BeanDefinition.SCOPE_PROTOTYPE);
    if (!singleton && !prototype) {
      throw new IllegalStateException(
          "@RemoteService bean '" + name + "' (" + type.getName() + ") has Spring scope '" + springScope
              + "': Duplex would keep one instance of it beyond that scope. Give it @Scope(value = \"" + springScope
              + "\", proxyMode = ScopedProxyMode.TARGET_CLASS), or make it a prototype bean and use "
              + "@RemoteService(scope = Scope." + duplexScope(springScope) + ")");
    }
    if (singleton && duplexScope != Scope.APPLICATION) {
      throw new IllegalStateException(
          "@RemoteService bean '" + name + "' (" + type.getName() + ") says scope = " + duplexScope
              + " but is a Spring singleton, so every " + duplexScope + " would share the one instance. Make the bean "
              + "@Scope(\"prototype\") for one instance per " + duplexScope + ", or drop the @RemoteService scope");
    }
  }

  private static String duplexScope(String springScope) {
    return springScope.equals("session") ? Scope.HTTP_SESSION.name() : Scope.REQUEST.name();
  }
}
