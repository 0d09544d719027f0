package io.duplex.internal.reverse;

import java.security.SecureRandom;
import java.util.Base64;

/** Script session ids: 144 bits from {@link SecureRandom}, base64url without padding (24 chars). */
final class SessionIds {
  private static final int BYTES = 18;

  private final SecureRandom random = new SecureRandom();
  private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

  String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return encoder.encodeToString(bytes);
  }
}
