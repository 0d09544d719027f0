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

  /**
   * A WebSocket frame: the same checks as the HTTP body it stands for, {@code op} choosing which.
   * A frame's {@code n} is read before anything else can fail, so a refusal can name its frame.
   */
  public SocketFrame frame(RequestBody.Bytes body) {
    JsonObject object = json.parseObject(body);
    long n = Fields.optionalInteger(object, "n", "n", 0, 0);
    try {
      checkVersion(object);
      String op = Fields.requiredString(object, "op", "op");
      SessionRequest request =
          switch (op) {
            case SocketFrame.OPEN -> ReverseRequest.from(object);
            case SocketFrame.CALL -> CallBatchRequest.from(object);
            case SocketFrame.ACK, SocketFrame.JOIN -> AckRequest.from(object);
            case SocketFrame.LEAVE -> UnloadRequest.from(object);
            default -> throw ProtocolException.malformed(
                "Field 'op': expected open, call, ack, join or leave" + (op.length() <= 16 ? ", got " + op : ""));
          };
      return new SocketFrame(op, n, request);
    } catch (ProtocolException refusal) {
      throw new FrameRefusal(n, refusal);
    }
  }

  /** A frame's refusal with the frame's number, so the page knows which calls it ends. */
  public static final class FrameRefusal extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private final long n;

    FrameRefusal(long n, ProtocolException cause) {
      super(cause.code(), cause.getMessage());
      this.n = n;
    }

    public long n() {
      return n;
    }
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
