package io.duplex.spring.jdkproxy;

import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** A service wrapped in an interface-based (JDK) proxy, which is not an instance of its class. */
@SpringBootApplication
public class JdkProxyApplication {
  public interface Pinger {
    int ping();
  }

  @Component
  @RemoteService(name = "Ping")
  public static class Ping implements Pinger {
    @Override
    @RemoteMethod
    public int ping() {
      return 1;
    }
  }

  @Bean
  static BeanPostProcessor interfaceProxies() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof Ping)) {
          return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setInterfaces(Pinger.class);
        proxy.setProxyTargetClass(false);
        proxy.addAdvice((MethodInterceptor) invocation -> invocation.proceed());
        return proxy.getProxy();
      }
    };
  }
}
