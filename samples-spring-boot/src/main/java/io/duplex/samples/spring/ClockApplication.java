package io.duplex.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A Spring Boot application using Duplex through {@code duplex-spring-boot-starter} alone: the
 * starter serves Duplex at {@code /duplex}, exposes {@link Greeter} and makes {@code Browser}
 * injectable; {@link ClockTicker} pushes the server's clock to every open page each second.
 */
@SpringBootApplication
@EnableScheduling
public class ClockApplication {
  public static void main(String[] args) {
    SpringApplication.run(ClockApplication.class, args);
  }
}
