package io.duplex.internal.reverse;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.duplex.CallContext;
import io.duplex.JsFunction;
import io.duplex.ScriptSession;
import io.duplex.internal.remote.CurrentCall;
import java.io.IOException;

/**
 * Reads {@code {"$fn": "f7"}} (protocol section 3) into a {@link JsFunction} bound to the page whose
 * call is being converted. Handles only make sense to the page that chose them, so one cannot be
 * written back out.
 */
final class JsFunctionAdapterFactory implements TypeAdapterFactory {
  private final ScriptSessionManager manager;

  JsFunctionAdapterFactory(ScriptSessionManager manager) {
    this.manager = manager;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<? super T> raw = type.getRawType();
    if (raw != JsFunction.class && raw != JsFunctionImpl.class) {
      return null;
    }
    return (TypeAdapter<T>) new Adapter();
  }

  private final class Adapter extends TypeAdapter<JsFunction> {
    @Override
    public JsFunction read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (in.peek() != JsonToken.BEGIN_OBJECT) {
        throw notAFunction();
      }
      in.beginObject();
      String handle = null;
      while (in.hasNext()) {
        if (!in.nextName().equals("$fn") || in.peek() != JsonToken.STRING || handle != null) {
          throw notAFunction();
        }
        handle = in.nextString();
      }
      in.endObject();
      if (handle == null || handle.isEmpty()) {
        throw notAFunction();
      }
      return new JsFunctionImpl(callingPage(), handle, manager);
    }

    @Override
    public void write(JsonWriter out, JsFunction value) {
      throw new UnsupportedOperationException(
          "A JsFunction cannot be sent to a page: it only exists in the page that passed it; call it instead");
    }

    private ScriptSessionImpl callingPage() {
      CallContext call = CurrentCall.get();
      ScriptSession session = call == null ? null : call.scriptSession();
      ScriptSessionImpl page = session == null ? null : manager.find(session.id());
      if (page == null) {
        throw new JsonParseException("a JavaScript function can only be received in a call from an open page");
      }
      return page;
    }

    private JsonParseException notAFunction() {
      return new JsonParseException("expected a JavaScript function ({\"$fn\": handle})");
    }
  }
}
