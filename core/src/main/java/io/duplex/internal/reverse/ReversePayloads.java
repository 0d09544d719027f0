package io.duplex.internal.reverse;

import io.duplex.PushTooLargeException;
import io.duplex.internal.convert.JsonConverter;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Encodes reverse-call entries without their {@code seq}: {@code "fn":"a.b","args":[...]},
 * {@code "handle":"f7","args":[...]} or {@code "release":"f7"}. One payload is built per call and
 * shared by every queue it goes to, so a broadcast converts its arguments once.
 *
 * <p>A payload larger than a queue can ever hold ({@code maxQueuedBytes}) is refused here, where it
 * is built, with {@link PushTooLargeException} to the Java caller: queued, it would push out
 * everything else the page is waiting for and then itself, and nobody would be told.
 */
final class ReversePayloads {
  private final Supplier<JsonConverter> converter;
  private final long maxQueuedBytes;

  ReversePayloads(Supplier<JsonConverter> converter, long maxQueuedBytes) {
    this.converter = converter;
    this.maxQueuedBytes = maxQueuedBytes;
  }

  /** The fixed start of a payload calling {@code function}, which must already be validated. */
  static String functionPrefix(String function) {
    return "\"fn\":\"" + function + "\",\"args\":[";
  }

  /** The fixed start of a topic message payload; {@code topic} is any string, quoted here. */
  static String topicPrefix(String topic) {
    return "\"topic\":" + JsonStrings.quote(topic) + ",\"message\":";
  }

  /** A topic message payload: {@code prefix} and the message, converted by its runtime class. */
  byte[] topic(String prefix, Object message) {
    String json = message == null ? "null" : converter.get().toJson(message, message.getClass());
    return requireFits(new StringBuilder(prefix.length() + json.length()).append(prefix).append(json)
        .toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A call payload: {@code prefix} followed by the arguments, each converted by its entry in
   * {@code types} (declared types of a typed proxy) or, when {@code types} is null, by its runtime
   * class.
   */
  byte[] call(String prefix, Object[] args, Type[] types) {
    return requireFits(encode(prefix, args, types).append(']').toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A call payload that asks for an answer: {@code "answer":id} follows the arguments. */
  byte[] ask(String prefix, Object[] args, Type[] types, long id) {
    StringBuilder out = encode(prefix, args, types).append("],\"answer\":").append(id);
    return requireFits(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** An ask's entry up to its answer id, to travel to other nodes: see {@link #ask(String, long)}. */
  String askHead(String prefix, Object[] args, Type[] types) {
    return encode(prefix, args, types).append("],\"answer\":").toString();
  }

  /** The payload of an ask whose entry {@link #askHead} encoded, with this node's ask id. */
  byte[] ask(String head, long id) {
    return requireFits((head + id).getBytes(StandardCharsets.UTF_8));
  }

  private StringBuilder encode(String prefix, Object[] args, Type[] types) {
    JsonConverter json = converter.get();
    StringBuilder out = new StringBuilder(prefix.length() + 16 * args.length + 2).append(prefix);
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Object arg = args[i];
      if (arg == null) {
        out.append("null");
      } else {
        Type type = types == null ? null : types[i];
        out.append(json.toJson(arg, isConcrete(type) ? type : arg.getClass()));
      }
    }
    return out;
  }

  /**
   * Refuses entries that are queued together (a ScriptBuffer) when together they are larger than
   * a queue can hold: the later ones would push out the earlier ones.
   */
  void requireFits(List<byte[]> batch) {
    long total = 0;
    for (byte[] payload : batch) {
      total += payload.length;
    }
    if (total > maxQueuedBytes) {
      throw new PushTooLargeException(total, maxQueuedBytes);
    }
  }

  private byte[] requireFits(byte[] payload) {
    // A queue counts its entries' payload bytes (the seq around each is not counted).
    if (payload.length > maxQueuedBytes) {
      throw new PushTooLargeException(payload.length, maxQueuedBytes);
    }
    return payload;
  }

  byte[] handleCall(String handle, Object[] args) {
    return call("\"handle\":" + JsonStrings.quote(handle) + ",\"args\":[", args, null);
  }

  byte[] release(String handle) {
    return ("\"release\":" + JsonStrings.quote(handle)).getBytes(StandardCharsets.UTF_8);
  }

  /** A type variable or wildcard left unresolved says less than the value's own class. */
  private static boolean isConcrete(Type type) {
    return type != null && !(type instanceof TypeVariable) && !(type instanceof WildcardType);
  }
}
