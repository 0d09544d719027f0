package io.duplex.internal.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.function.Function;

/**
 * Turns request bodies into request records, applying step 5 of the protocol's checks: JSON limits,
 * the version, then the fields. Thread-safe; one per server.
 */
public final class RequestParser {
  public static final int VERSION = 1;

  private final LimitedJsonParser json;

  public RequestParser(int maxJsonDepth, int maxStringLength) {
    this.json = new LimitedJsonParser(maxJsonDepth, maxStringLength);
  }

  public HandshakeRequest handshake(RequestBody.Bytes body) {
    return parse(body, HandshakeRequest::from);
  }

  public CallBatchRequest callBatch(RequestBody.Bytes body) {
    return parse(body, CallBatchRequest::from);
  }

  public ReverseRequest reverse(RequestBody.Bytes body) {
    return parse(body, ReverseRequest::from);
  }

  public AckRequest ack(RequestBody.Bytes body) {
    return parse(body, AckRequest::from);
  }

  public UnloadRequest unload(RequestBody.Bytes body) {
    return parse(body, UnloadRequest::from);
  }

  private <T> T parse(RequestBody.Bytes body, Function<JsonObject, T> fields) {
    JsonObject object = json.parseObject(body);
    checkVersion(object);
    return fields.apply(object);
  }

  /** The version is checked before any other field: another version may have other fields. */
  private static void checkVersion(JsonObject object) {
    JsonElement v = object.get("v");
    if (v == null) {
      throw Fields.missing("v");
    }
    if (!(v instanceof JsonPrimitive p && p.isNumber())) {
      throw Fields.wrongType("v", "a number");
    }
    String version = p.getAsString();
    if (!version.equals("1")) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION,
          "Protocol version " + (version.length() <= 16 ? version : "(long number)")
              + " is not supported; this server speaks version " + VERSION);
    }
  }
}
