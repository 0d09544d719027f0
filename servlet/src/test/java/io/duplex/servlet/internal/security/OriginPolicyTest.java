package io.duplex.servlet.internal.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.duplex.internal.protocol.ErrorCode;
import io.duplex.internal.protocol.ProtocolException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Origin comparison with hosts and ports a loopback test server cannot have (default ports,
 * proxies' Host headers). The request is the container boundary, so it is a mock here; the
 * end-to-end behaviour is covered over HTTP in RequestChecksTest.
 */
class OriginPolicyTest {
  private static HttpServletRequest request(String scheme, String host, String origin, String referer) {
    HttpServletRequest request = mock(HttpServletRequest.class);
    when(request.getScheme()).thenReturn(scheme);
    when(request.getHeader("Host")).thenReturn(host);
    when(request.getServerName()).thenReturn("fallback.example");
    when(request.getServerPort()).thenReturn(8443);
    when(request.getHeader("Origin")).thenReturn(origin);
    when(request.getHeader("Referer")).thenReturn(referer);
    return request;
  }

  private final OriginPolicy policy = new OriginPolicy(List.of("https://partner.example"), List.of());

  @Test
  void withAllowedHostsOnlyAListedHostIsTheServersOwn() {
    OriginPolicy hosts = new OriginPolicy(List.of(), List.of("shop.example", "fallback.example:8443"));
    assertDoesNotThrow(() -> hosts.check(request("https", "shop.example", "https://shop.example", null)));
    // Behind a proxy that sends Host as the backend's name, the container reports the public name.
    assertDoesNotThrow(() -> hosts.check(request("https", "backend:8080", "https://fallback.example:8443", null)));
    // A rebinding page: Host and Origin agree, but the name is not this server's.
    HttpServletRequest rebound = request("http", "evil.example", "http://evil.example", null);
    when(rebound.getServerName()).thenReturn("evil.example");
    when(rebound.getServerPort()).thenReturn(80);
    assertEquals(ErrorCode.HOST_REJECTED, assertThrows(ProtocolException.class, () -> hosts.check(rebound)).code());
    assertEquals(ErrorCode.HOST_REJECTED, assertThrows(ProtocolException.class, () -> hosts.checkHost(rebound)).code());
    // A listed server name does not make an unlisted Host's origin the server's own.
    assertEquals(ErrorCode.ORIGIN_REJECTED, assertThrows(ProtocolException.class,
        () -> hosts.check(request("https", "evil.example", "https://evil.example", null))).code());
  }

  @Test
  void defaultPortsAndCaseAreNormalised() {
    assertDoesNotThrow(() -> policy.check(request("http", "shop.example:80", "http://shop.example", null)));
    assertDoesNotThrow(() -> policy.check(request("https", "Shop.Example", "https://shop.example:443", null)));
    assertDoesNotThrow(() -> policy.check(request("http", "[::1]:8080", "http://[::1]:8080", null)));
    assertDoesNotThrow(() -> policy.check(request("http", "shop.example", null, "http://shop.example/a/b?c#d")));
    assertDoesNotThrow(() -> policy.check(request("http", "shop.example", "https://partner.example:443", null)));
  }

  @Test
  void schemeAndPortMustMatch() {
    for (String origin : new String[] {"https://shop.example", "http://shop.example:8080", "http://shop.example.evil", "null"}) {
      ProtocolException e =
          assertThrows(ProtocolException.class, () -> policy.check(request("http", "shop.example", origin, null)), origin);
      assertEquals(ErrorCode.ORIGIN_REJECTED, e.code());
    }
  }

  @Test
  void theVerbatimFastPathAgreesWithParsing() {
    assertDoesNotThrow(() -> policy.check(request("http", "127.0.0.1:8080", "http://127.0.0.1:8080", null)));
    assertDoesNotThrow(() -> policy.check(request("HTTP", "Shop.Example", "http://shop.example", null)));
    // Not verbatim-equal, and not the same origin either.
    for (String origin : new String[] {"http://127.0.0.1:8081", "http://127.0.0.1:80800", "https://127.0.0.1:8080", "http://127.0.0.1:8080.evil"}) {
      assertThrows(ProtocolException.class, () -> policy.check(request("http", "127.0.0.1:8080", origin, null)), origin);
    }
    // A Host that is not a host name never passes on string equality alone.
    assertThrows(
        ProtocolException.class, () -> policy.check(request("http", "evil.example/x y", "http://evil.example/x y", null)));
    assertEquals(false, OriginPolicy.isOwnOriginVerbatim("http://a.example/x", request("http", "a.example/x", "http://a.example/x", null)));
  }

  @Test
  void withoutHostTheServerNameAndPortAreUsed() {
    assertDoesNotThrow(() -> policy.check(request("https", null, "https://fallback.example:8443", null)));
  }

  @Test
  void behindAProxyTheServerNameTheContainerTookFromForwardedHeadersCounts() {
    // Tomcat's RemoteIpValve (protocolHeader, hostHeader) sets scheme, server name and port, not Host.
    HttpServletRequest request = mock(HttpServletRequest.class);
    when(request.getScheme()).thenReturn("https");
    when(request.getHeader("Host")).thenReturn("127.0.0.1:8080");
    when(request.getServerName()).thenReturn("public.example");
    when(request.getServerPort()).thenReturn(443);
    when(request.getHeader("Origin")).thenReturn("https://public.example");
    assertDoesNotThrow(() -> policy.check(request));
    when(request.getHeader("Origin")).thenReturn("https://other.example");
    assertThrows(ProtocolException.class, () -> policy.check(request));
  }

  @Test
  void anHttpsPageRefusedOnAnHttpRequestIsToldAboutForwardedHeaders() {
    ProtocolException e = assertThrows(
        ProtocolException.class, () -> policy.check(request("http", "127.0.0.1:8080", "https://public.example", null)));
    assertTrue(e.getMessage().contains("forwarded headers") && e.getMessage().contains("RemoteIpValve"), e.getMessage());
    e = assertThrows(
        ProtocolException.class, () -> policy.check(request("https", "shop.example", "https://evil.example", null)));
    assertEquals("Requests from https://evil.example are not allowed", e.getMessage());
  }

  @Test
  void normaliseRefusesWhatIsNotAnOrigin() {
    assertNull(OriginPolicy.normalise("null"));
    assertNull(OriginPolicy.normalise("/relative"));
    assertNull(OriginPolicy.normalise("http://"));
    assertEquals("http://a.example", OriginPolicy.normalise("HTTP://A.example:80/"));
  }

  @Test
  void badAllowedOriginsFailAtStartup() {
    assertThrows(IllegalArgumentException.class, () -> new OriginPolicy(List.of("partner.example"), List.of()));
  }
}
