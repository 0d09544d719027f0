package io.duplex.servlet.internal.script;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A script kept in memory with a content ETag. Browsers revalidate it on every load ({@code
 * no-cache}) and get {@code 304} while it is unchanged, so a redeployed engine is picked up at once.
 */
public final class CachedScript {
  public static final String CONTENT_TYPE = "text/javascript; charset=utf-8";

  private final byte[] bytes;
  private final String etag;

  public CachedScript(byte[] bytes) {
    this.bytes = bytes;
    this.etag = "\"" + hash(bytes) + "\"";
  }

  public String etag() {
    return etag;
  }

  public void serve(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
    response.setHeader("ETag", etag);
    response.setHeader("Cache-Control", "no-cache");
    if (matches(request.getHeader("If-None-Match"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(CONTENT_TYPE);
    response.setContentLength(bytes.length);
    if (!head) {
      response.getOutputStream().write(bytes);
    }
  }

  /** If-None-Match uses weak comparison: a W/ prefix still matches. */
  private boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static String hash(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
