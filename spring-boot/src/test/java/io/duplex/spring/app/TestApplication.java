package io.duplex.spring.app;

import static org.springframework.security.config.Customizer.withDefaults;

import io.duplex.CallInterceptor;
import io.duplex.PushInterceptor;
import io.duplex.TopicPolicy;
import io.duplex.ClientVisible;
import io.duplex.spring.DuplexBuilderCustomizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application as people write them: component-scanned services, Spring Security with form login
 * and HTTP Basic and its CSRF protection left on, an AOP proxy around the exposed service, two
 * ordered call interceptors and a Micrometer registry.
 */
@SpringBootApplication
public class TestApplication {
  /** Calls that went through the proxy around {@link Greeter}, as a transaction advice would. */
  public static final AtomicInteger ADVISED = new AtomicInteger();

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .httpBasic(withDefaults())
        .formLogin(withDefaults());
    return http.build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("ann").password("{noop}secret").roles("admin").build(),
        User.withUsername("bob").password("{noop}secret").roles("user").build());
  }

  /** Exposes a class that is not a bean. */
  @Bean
  DuplexBuilderCustomizer plainService() {
    return builder -> builder.expose("Plain", StringBuilder.class, StringBuilder::new).methods("length");
  }

  /** What the interceptor beans saw, e.g. {@code "outer Greeter.greet"}, in the order they ran. */
  public static final Queue<String> INTERCEPTED = new ConcurrentLinkedQueue<>();

  /** Refused by {@link #outerInterceptor}; reaches the page with its code. */
  @ClientVisible(code = "NOT_WELCOME")
  public static class NotWelcome extends RuntimeException {
    public NotWelcome() {
      super("mallory is not welcome");
    }
  }

  /** Declared before the outer one, runs after it: @Order decides, not declaration order. */
  @Bean
  @Order(2)
  CallInterceptor innerInterceptor() {
    return chain -> {
      INTERCEPTED.add("inner " + chain.service() + "." + chain.method());
      return chain.proceed();
    };
  }

  /** Refuses greeting mallory before the inner interceptor or the method runs. */
  @Bean
  @Order(1)
  CallInterceptor outerInterceptor() {
    return chain -> {
      INTERCEPTED.add("outer " + chain.service() + "." + chain.method());
      if (chain.method().equals("greet") && "mallory".equals(chain.arguments().get(0))) {
        throw new NotWelcome();
      }
      return chain.proceed();
    };
  }

  /** What the push interceptor beans saw, in the order they ran. */
  public static final Queue<String> PUSHES = new ConcurrentLinkedQueue<>();

  /** Runs second: @Order decides. Vetoes pushes of "admin." functions. */
  @Bean
  @Order(2)
  PushInterceptor pushVeto() {
    return chain -> {
      PUSHES.add("veto? " + chain.function());
      return chain.function().startsWith("admin.") ? 0 : chain.proceed();
    };
  }

  /** Runs first: audits every push. */
  @Bean
  @Order(1)
  PushInterceptor pushAudit() {
    return chain -> {
      PUSHES.add("audit " + chain.function() + " to " + chain.target());
      return chain.proceed();
    };
  }

  /** Pages may subscribe to "desk-" topics; the starter sets it on the builder. */
  @Bean
  TopicPolicy deskTopics() {
    return (topic, call) -> topic.startsWith("desk-");
  }

  /** A registry without Spring Boot's actuator: the starter binds Duplex's meters to it. */
  @Bean
  SimpleMeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  /** Wraps Greeter in a class-based proxy with an advice, the way @Transactional does. */
  @Bean
  static BeanPostProcessor advice() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof Greeter)) {
          return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) invocation -> {
          ADVISED.incrementAndGet();
          return invocation.proceed();
        });
        return proxy.getProxy();
      }
    };
  }
}
