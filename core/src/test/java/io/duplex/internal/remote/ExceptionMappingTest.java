package io.duplex.internal.remote;

import static io.duplex.internal.remote.Calls.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.ClientVisible;
import io.duplex.Duplex;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.internal.protocol.CallOutcome;
import io.duplex.internal.protocol.ErrorInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the browser learns from an exception: all of a visible one, nothing of any other. */
class ExceptionMappingTest {

  @ClientVisible(code = "OUT_OF_STOCK")
  public static class OutOfStockException extends Exception {
    public OutOfStockException(String message) {
      super(message);
    }
  }

  @ClientVisible
  public static class ValidationException extends RuntimeException {
    public ValidationException(String message) {
      super(message);
    }
  }

  /** Inherits visibility (and code) from its annotated superclass. */
  public static class TooManyException extends OutOfStockException {
    public TooManyException(String message) {
      super(message);
    }
  }

  public static class SecretFailure extends RuntimeException {
    public SecretFailure(String message) {
      super(message);
    }
  }

  @RemoteService(name = "Shop")
  public static class Shop {
    @RemoteMethod public void buy() throws OutOfStockException { throw new OutOfStockException("Only 2 left"); }

    @RemoteMethod public void validate() { throw new ValidationException("Name is required"); }

    @RemoteMethod public void buyMany() throws OutOfStockException { throw new TooManyException("At most 5"); }

    @RemoteMethod public void lookup() { throw new NoSuchElementException("No order 17"); }

    @RemoteMethod public void crash() { throw new SecretFailure("jdbc:postgresql://db/prod password=hunter2"); }

    @RemoteMethod public void overflow() { crash(); }
  }

  private static Calls calls(Supplier<Duplex.Builder> settings) {
    return Calls.of(settings.get().expose(Shop.class));
  }

  private final Calls calls = calls(() -> Duplex.builder().clientVisible(NoSuchElementException.class));

  @Test
  void clientVisibleExceptionWithItsOwnCode() {
    ErrorInfo error = calls.call("Shop", "buy", "[]").error();
    assertEquals(new ErrorInfo("OUT_OF_STOCK", "Only 2 left", "OutOfStockException", null, null), error);
  }

  @Test
  void clientVisibleExceptionWithoutCodeIsApplicationError() {
    ErrorInfo error = calls.call("Shop", "validate", "[]").error();
    assertEquals(new ErrorInfo("APPLICATION_ERROR", "Name is required", "ValidationException", null, null), error);
  }

  @Test
  void subclassOfAVisibleExceptionIsVisibleUnderItsOwnName() {
    ErrorInfo error = calls.call("Shop", "buyMany", "[]").error();
    assertEquals(new ErrorInfo("OUT_OF_STOCK", "At most 5", "TooManyException", null, null), error);
  }

  @Test
  void registeredExceptionTypesAreVisible() {
    ErrorInfo error = calls.call("Shop", "lookup", "[]").error();
    assertEquals(new ErrorInfo("APPLICATION_ERROR", "No order 17", "NoSuchElementException", null, null), error);
    error(calls(Duplex::builder).call("Shop", "lookup", "[]"), "SERVER_ERROR");
  }

  @Test
  void otherExceptionsAreServerErrorsThatLeakNothingAndAreLoggedWithTheirIncident() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream original = System.err;
    CallOutcome outcome;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      outcome = calls.call("Shop", "crash", "[]");
    } finally {
      System.setErr(original);
    }
    ErrorInfo error = outcome.error();
    assertEquals("SERVER_ERROR", error.code());
    assertNotNull(error.incident());
    assertTrue(error.incident().matches("[a-z0-9]{6,16}"), error.incident());
    assertEquals("Internal error (incident " + error.incident() + ")", error.message());
    assertNull(error.type());
    assertNull(error.detail());
    assertFalse(error.toString().contains("hunter2"));
    assertFalse(error.toString().contains("SecretFailure"));

    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("ERROR"), logged);
    assertTrue(logged.contains(error.incident()), logged);
    assertTrue(logged.contains("SecretFailure: jdbc:postgresql://db/prod password=hunter2"), logged);
    assertTrue(logged.contains("at " + Shop.class.getName() + ".crash"), "stack trace logged: " + logged);
  }

  @Test
  void eachServerErrorGetsItsOwnIncident() {
    String first = calls.call("Shop", "crash", "[]").error().incident();
    String second = calls.call("Shop", "crash", "[]").error().incident();
    assertFalse(first.equals(second));
  }

  @Test
  void debugModeAddsClassMessageAndStackTrace() {
    ErrorInfo error = calls(() -> Duplex.builder().debug(true)).call("Shop", "overflow", "[]").error();
    assertEquals("SERVER_ERROR", error.code());
    assertEquals("Internal error (incident " + error.incident() + ")", error.message());
    assertTrue(error.detail().startsWith(SecretFailure.class.getName() + ": jdbc:postgresql"), error.detail());
    assertTrue(error.detail().contains(".overflow("), error.detail());
  }

  @Test
  void debugModeAddsNoDetailToVisibleExceptions() {
    ErrorInfo error = calls(() -> Duplex.builder().debug(true)).call("Shop", "validate", "[]").error();
    assertNull(error.detail());
    assertNull(error.incident());
  }
}
