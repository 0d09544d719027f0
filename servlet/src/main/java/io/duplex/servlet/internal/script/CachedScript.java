package io.duplex.servlet.internal.script;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A script kept in memory with a content ETag. Browsers revalidate it on every load ({@code
 * no-cache}) and get {@code 304} while it is unchanged, so a redeployed engine is picked up at once.
 *
 * <p>A script of {@value #GZIP_MIN_BYTES} bytes or more is also kept gzipped and sent that way to
 * clients that accept gzip (engine.js: 88 KB, about 23 KB gzipped). Compressing here rather than
 * leaving it to the container works whatever the container's setup: Tomcat compresses nothing
 * unless configured, and even then skips responses with a strong ETag ({@code
 * noCompressionStrongETag}); Jetty compresses only behind a GzipHandler. Each representation has
 * its own strong ETag, as HTTP requires, and both answer {@code Vary: Accept-Encoding}; container
 * compressors leave a response that has a Content-Encoding alone.
 */
public final class CachedScript {
  public static final String CONTENT_TYPE = "text/javascript; charset=utf-8";
  static final int GZIP_MIN_BYTES = 1024;

  private final byte[] bytes;
  private final String etag;
  /** Null when the script is small or does not compress. */
  private final byte[] gzipped;
  private final String gzipEtag;

  public CachedScript(byte[] bytes) {
    this.bytes = bytes;
    String hash = hash(bytes);
    this.etag = "\"" + hash + "\"";
    byte[] compressed = bytes.length >= GZIP_MIN_BYTES ? gzip(bytes) : null;
    this.gzipped = compressed != null && compressed.length < bytes.length ? compressed : null;
    this.gzipEtag = "\"" + hash + "-gzip\"";
  }

  public String etag() {
    return etag;
  }

  public void serve(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
    boolean gzip = gzipped != null && acceptsGzip(request);
    String tag = gzip ? gzipEtag : etag;
    response.setHeader("ETag", tag);
    response.setHeader("Cache-Control", "no-cache");
    if (gzipped != null) {
      response.setHeader("Vary", "Accept-Encoding");
    }
    if (matches(request.getHeader("If-None-Match"), tag)) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    byte[] body = gzip ? gzipped : bytes;
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(CONTENT_TYPE);
    if (gzip) {
      response.setHeader("Content-Encoding", "gzip");
    }
    response.setContentLength(body.length);
    if (!head) {
      response.getOutputStream().write(body);
    }
  }

  /** If-None-Match uses weak comparison: a W/ prefix still matches. */
  private static boolean matches(String ifNoneMatch, String etag) {
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

  /**
   * Whether Accept-Encoding allows gzip: listed as {@code gzip} or {@code x-gzip}, or covered by
   * {@code *}, with a quality above 0.
   */
  static boolean acceptsGzip(HttpServletRequest request) {
    String header = request.getHeader("Accept-Encoding");
    if (header == null) {
      return false;
    }
    Boolean named = null;
    boolean any = false;
    for (String part : header.split(",")) {
      String[] pieces = part.split(";");
      String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
      boolean allowed = quality(pieces) > 0;
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        named = named == null ? allowed : named || allowed;
      } else if (coding.equals("*")) {
        any = allowed;
      }
    }
    return named != null ? named : any;
  }

  private static double quality(String[] pieces) {
    for (int i = 1; i < pieces.length; i++) {
      String p = pieces[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
    // Compressed once per script, so the best level costs nothing per request.
    try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory cannot fail", e);
    }
    return out.toByteArray();
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
