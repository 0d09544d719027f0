package io.duplex.spring;

import io.duplex.Browser;
import io.duplex.CallInterceptor;
import io.duplex.PushInterceptor;
import io.duplex.TopicPolicy;
import io.duplex.Duplex;
import io.duplex.RemoteService;
import io.duplex.micrometer.DuplexMetricsBinder;
import io.duplex.servlet.DuplexServlet;
import io.duplex.servlet.DuplexSessionIdListener;
import io.duplex.spring.internal.DuplexProperties;
import io.duplex.spring.internal.HeldRequestsFirst;
import io.duplex.spring.internal.RemoteServiceBeans;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Serves Duplex in a Spring Boot servlet application once the starter is on the classpath:
 *
 * <ul>
 *   <li>a {@link Duplex} bean exposing every bean whose class is annotated {@link RemoteService}
 *       (looked up at its first call, so services may inject the Duplex), with the {@code duplex.*}
 *       properties applied by setting name, each {@link CallInterceptor} and {@link
 *       PushInterceptor} bean registered in {@code @Order} order (the first outermost), the
 *       {@link TopicPolicy} bean when there is exactly one, and each {@link DuplexBuilderCustomizer}
 *       bean;
 *   <li>a {@link Browser} bean, to call the pages from any bean;
 *   <li>{@link DuplexServlet} at {@code duplex.path} (default {@code /duplex}), async-supported,
 *       started with the application, its held requests ended when the application begins to stop;
 *   <li>with {@code duplex-micrometer} and Micrometer on the classpath, a {@code DuplexMetricsBinder}
 *       bean bound to the application's {@code MeterRegistry}, closed with the context;
 *   <li>{@link DuplexSessionIdListener}, so pages follow a changed HTTP session id (login);
 *   <li>with Spring Security, Duplex's requests exempted from Spring's CSRF check: every Duplex POST
 *       carries Duplex's own CSRF token, and Spring's token is not sent by the engine.
 * </ul>
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DuplexServlet.class)
public class DuplexAutoConfiguration {
  /** The name {@link DuplexServlet} is registered under. */
  public static final String SERVLET_NAME = "duplexServlet";

  /** The Duplex {@link #duplex} built, null when the application defines its own. */
  private volatile Duplex built;

  /** Made by Spring Boot. */
  public DuplexAutoConfiguration() {}

  /**
   * The application's Duplex, unless it defines its own.
   *
   * @param beanFactory where the {@code @RemoteService} beans are found and, at their first call, got
   * @param environment the {@code duplex.*} properties
   * @param interceptors run around every call, in their {@code @Order}/{@code Ordered} order, the
   *     first outermost
   * @param pushInterceptors run around every push, in their order, the first outermost
   * @param topicPolicy decides the subscriptions to undeclared topics, when the application has one
   * @param customizers adjust the builder last, in their order
   * @return the built Duplex, closed with the context
   */
  @Bean
  @ConditionalOnMissingBean
  public Duplex duplex(
      ConfigurableListableBeanFactory beanFactory,
      Environment environment,
      ObjectProvider<CallInterceptor> interceptors,
      ObjectProvider<PushInterceptor> pushInterceptors,
      ObjectProvider<TopicPolicy> topicPolicy,
      ObjectProvider<DuplexBuilderCustomizer> customizers) {
    Duplex.Builder builder = Duplex.builder();
    DuplexProperties.bind(environment).applyTo(builder);
    new RemoteServiceBeans(beanFactory).exposeOn(builder);
    interceptors.orderedStream().forEach(builder::intercept);
    pushInterceptors.orderedStream().forEach(builder::interceptPushes);
    // Two policies would leave the choice to bean order: getObject() then names both beans.
    if (topicPolicy.stream().findAny().isPresent()) {
      builder.topicPolicy(topicPolicy.getObject());
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    built = builder.build();
    return built;
  }

  /**
   * Once the singletons are made, fails startup for a {@code @RemoteService} bean that turned out
   * to be an interface-based proxy (not an instance of its class), instead of its first call failing.
   *
   * @param beanFactory where the beans are
   * @return the check
   */
  @Bean
  public static SmartInitializingSingleton duplexRemoteServiceCheck(ConfigurableListableBeanFactory beanFactory) {
    return () -> new RemoteServiceBeans(beanFactory).checkMade();
  }

  /**
   * Every open page, to inject where pages are called.
   *
   * @param duplex the application's Duplex
   * @return {@code duplex.browser()}
   */
  @Bean
  @ConditionalOnMissingBean
  public Browser duplexBrowser(Duplex duplex) {
    return duplex.browser();
  }

  /**
   * Registers {@link DuplexServlet} at {@code duplex.path + "/*"}. With a Duplex the application
   * built itself, any other {@code duplex.*} property fails startup rather than being ignored.
   *
   * @param duplex the Duplex it serves
   * @param environment where {@code duplex.path} is read
   * @return the registration
   */
  @Bean
  @ConditionalOnMissingBean(name = SERVLET_NAME)
  public ServletRegistrationBean<DuplexServlet> duplexServlet(Duplex duplex, Environment environment) {
    DuplexProperties properties = DuplexProperties.bind(environment);
    if (duplex != built) {
      properties.requireNoSettings();
    }
    String path = properties.path();
    ServletRegistrationBean<DuplexServlet> registration =
        new ServletRegistrationBean<>(new DuplexServlet(duplex), path + "/*");
    registration.setName(SERVLET_NAME);
    // Calls returning futures and held reverse connections must not hold a request thread.
    registration.setAsyncSupported(true);
    registration.setLoadOnStartup(1);
    return registration;
  }

  /**
   * Keeps targeting by HTTP session right when the session id changes, e.g. at login with Spring
   * Security's session fixation protection: the pages are found by the new id at once. Spring Boot
   * registers listener beans with the container (an embedded container does not run the
   * {@code DuplexInitializer} that registers it in a deployed web application).
   *
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public DuplexSessionIdListener duplexSessionIdListener() {
    return new DuplexSessionIdListener();
  }

  /**
   * Ends held reverse requests when the application begins to stop, so the web server's graceful
   * shutdown does not wait for them to time out.
   *
   * @param duplexServlet the registration of the servlet whose held requests end
   * @return the lifecycle bean
   */
  @Bean
  @ConditionalOnBean(name = SERVLET_NAME)
  public HeldRequestsFirst duplexHeldRequestsFirst(
      @Qualifier(SERVLET_NAME) ServletRegistrationBean<DuplexServlet> duplexServlet) {
    return new HeldRequestsFirst(duplexServlet.getServlet());
  }

  /** True for a request the container routes to Duplex's servlet. */
  static boolean isDuplexRequest(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    return mapping != null && SERVLET_NAME.equals(mapping.getServletName());
  }

  /** Present when the application has Micrometer and {@code duplex-micrometer}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {"io.micrometer.core.instrument.MeterRegistry", "io.duplex.micrometer.DuplexMetricsBinder"})
  public static class Metrics {
    /** Made by Spring Boot. */
    public Metrics() {}

    /**
     * The Duplex's meters ({@code duplex.calls}, {@code duplex.pages.open}, ...), bound to the
     * application's {@code MeterRegistry}: the primary or only one, else each. Spring Boot's
     * actuator binds {@code MeterBinder} beans itself; binding twice to one registry does nothing,
     * so the binder is bound here too, for applications that define a registry without the actuator.
     * Closed with the context, which stops the recording of calls.
     *
     * @param duplex the Duplex whose figures to register
     * @param registries the application's registries
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    public DuplexMetricsBinder duplexMetricsBinder(Duplex duplex, ObjectProvider<MeterRegistry> registries) {
      DuplexMetricsBinder binder = new DuplexMetricsBinder(duplex);
      MeterRegistry primary = registries.getIfUnique();
      if (primary != null) {
        binder.bindTo(primary);
      } else {
        registries.orderedStream().forEach(binder::bindTo);
      }
      return binder;
    }
  }

  /** Present when the application uses Spring Security. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
  public static class SpringSecurity {
    /** Made by Spring Boot. */
    public SpringSecurity() {}

    /**
     * Exempts requests to Duplex's servlet from Spring Security's CSRF check, in every security
     * filter chain built from Spring's {@code HttpSecurity} (Spring Security 7 applies
     * {@code Customizer<HttpSecurity>} beans to each). Duplex does its own check: every POST carries
     * the token of its handshake, must be {@code application/json} and pass the origin check. Define
     * a bean of this name to replace it.
     *
     * @return the customizer
     */
    @Bean
    @ConditionalOnMissingBean(name = "duplexCsrfExemption")
    public Customizer<HttpSecurity> duplexCsrfExemption() {
      return http -> {
        try {
          http.csrf(csrf -> csrf.ignoringRequestMatchers(DuplexAutoConfiguration::isDuplexRequest));
        } catch (Exception e) {
          // Spring Security 6 declares "throws Exception" here; 7 does not.
          throw new IllegalStateException("Could not exempt Duplex's servlet from Spring Security's CSRF check", e);
        }
      };
    }
  }
}
