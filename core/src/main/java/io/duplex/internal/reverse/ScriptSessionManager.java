package io.duplex.internal.reverse;

import com.google.gson.TypeAdapterFactory;
import io.duplex.Browser;
import io.duplex.DuplexConfig;
import io.duplex.ScriptSessionListener;
import io.duplex.internal.convert.JsonConverter;

/** SEAM STUB — replaced by the reverse implementation. */
public final class ScriptSessionManager implements AutoCloseable {
  public ScriptSessionManager(DuplexConfig config) {}

  /** Adapters the converter needs for reverse types (JsFunction handles). */
  public TypeAdapterFactory converterExtension() {
    return null;
  }

  public void useConverter(JsonConverter converter) {}

  public Browser browser() {
    throw new UnsupportedOperationException("stub");
  }

  public void addListener(ScriptSessionListener listener) {}

  public void removeListener(ScriptSessionListener listener) {}

  public String normalisePage(String page) {
    return page;
  }

  public ScriptSessionImpl create(String rawPage, String ownerKey, String httpSessionId, String user) {
    throw new UnsupportedOperationException("stub");
  }

  /** The session with this id, or null if unknown or ended. */
  public ScriptSessionImpl find(String id) {
    return null;
  }

  /** Ends every session created with {@code ownerKey}. */
  public void endOwner(String ownerKey) {}

  @Override
  public void close() {}
}
