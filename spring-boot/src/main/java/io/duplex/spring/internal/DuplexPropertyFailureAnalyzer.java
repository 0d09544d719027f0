package io.duplex.spring.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code duplex.*} property into Spring Boot's short "APPLICATION FAILED TO START" report. */
public final class DuplexPropertyFailureAnalyzer extends AbstractFailureAnalyzer<DuplexPropertyException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DuplexPropertyException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
