package io.duplex.internal.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.CharArrayReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Parses a request body into a JSON object tree while enforcing the protocol's limits: strict RFC
 * 8259 syntax, UTF-8, one object and nothing after it, nesting at most {@code maxDepth}
 * (JSON_TOO_DEEP), every string, member name and number literal at most {@code maxStringLength}
 * characters (STRING_TOO_LONG), no duplicate member names. Builds the tree without recursion, so
 * hostile input cannot exhaust the stack.
 */
public final class LimitedJsonParser {
  private static final JsonPrimitive TRUE = new JsonPrimitive(true);
  private static final JsonPrimitive FALSE = new JsonPrimitive(false);

  private final int maxDepth;
  private final int maxStringLength;

  public LimitedJsonParser(int maxDepth, int maxStringLength) {
    this.maxDepth = maxDepth;
    this.maxStringLength = maxStringLength;
  }

  /**
   * Lone surrogate escapes become U+FFFD and number literals of any length (up to {@code
   * maxStringLength}) are kept, so that they fail only the call whose arguments hold them.
   *
   * @throws ProtocolException MALFORMED_REQUEST, JSON_TOO_DEEP or STRING_TOO_LONG
   */
  public JsonObject parseObject(RequestBody.Bytes body) {
    Reader text;
    try {
      text = decode(body.array(), body.length());
    } catch (CharacterCodingException e) {
      throw ProtocolException.malformed("Body is not UTF-8");
    }
    try {
      return parse(text, body.length(), null);
    } catch (ProtocolException refusal) {
      if (refusal.code() != ErrorCode.MALFORMED_REQUEST || body.length() == 0) {
        throw refusal;
      }
      // Rare: the strict tokenizer refuses lone surrogate escapes and very long number literals,
      // which are valid JSON. Rewrite them and parse once more (linear, at most twice).
      char[] chars = chars(body.array(), body.length());
      JsonPrepass prepass = JsonPrepass.run(chars, chars.length);
      if (!prepass.changed()) {
        throw refusal;
      }
      return parse(new CharArrayReader(chars), body.length(), prepass);
    }
  }

  private JsonObject parse(Reader text, int length, JsonPrepass prepass) {
    JsonReader reader = new JsonReader(text);
    reader.setStrictness(Strictness.STRICT);
    // Our own depth check answers first, with the protocol's code.
    reader.setNestingLimit(Integer.MAX_VALUE);
    try {
      JsonToken first = reader.peek();
      if (first != JsonToken.BEGIN_OBJECT) {
        throw ProtocolException.malformed("Body is not a JSON object");
      }
      JsonObject root = (JsonObject) readTree(reader, prepass);
      checkNothingFollows(reader);
      return root;
    } catch (EOFException e) {
      throw ProtocolException.malformed(length == 0 ? "Body is empty" : "Body is not valid JSON (it ends early)");
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      // MalformedJsonException and friends; their text names the parser library, so say it ourselves.
      throw ProtocolException.malformed("Body is not valid JSON (near " + reader.getPath() + ")");
    }
  }

  /**
   * The body as characters, decoded up front: bodies are small and already in memory, and an
   * InputStreamReader would allocate its 8 KB buffers per request (half of this parser's cost).
   * ASCII, the usual case, needs no decoding at all.
   */
  private static Reader decode(byte[] bytes, int length) throws CharacterCodingException {
    for (int i = 0; i < length; i++) {
      if (bytes[i] < 0) {
        CharBuffer chars = utf8(bytes, length);
        return new CharArrayReader(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
      }
    }
    return new StringReader(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
  }

  /** The body, already known to be UTF-8, as a fresh array the prepass may rewrite. */
  private static char[] chars(byte[] bytes, int length) {
    try {
      CharBuffer chars = utf8(bytes, length);
      char[] exact = new char[chars.remaining()];
      chars.get(exact);
      return exact;
    } catch (CharacterCodingException e) {
      throw ProtocolException.malformed("Body is not UTF-8");
    }
  }

  private static CharBuffer utf8(byte[] bytes, int length) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, 0, length));
  }

  private static void checkNothingFollows(JsonReader reader) {
    boolean more;
    try {
      more = reader.peek() != JsonToken.END_DOCUMENT;
    } catch (IOException e) {
      more = true;
    }
    if (more) {
      throw ProtocolException.malformed("Body has data after its JSON object");
    }
  }

  private JsonElement readTree(JsonReader reader, JsonPrepass prepass) throws IOException {
    ArrayDeque<JsonElement> open = new ArrayDeque<>();
    JsonElement root = null;
    String name = null;
    int numbers = 0;
    while (true) {
      JsonElement value;
      switch (reader.peek()) {
        case BEGIN_OBJECT -> {
          checkDepth(open.size());
          reader.beginObject();
          value = new JsonObject();
        }
        case BEGIN_ARRAY -> {
          checkDepth(open.size());
          reader.beginArray();
          value = new JsonArray();
        }
        case END_OBJECT, END_ARRAY -> {
          if (reader.peek() == JsonToken.END_OBJECT) {
            reader.endObject();
          } else {
            reader.endArray();
          }
          JsonElement closed = open.pop();
          if (open.isEmpty()) {
            return closed;
          }
          continue;
        }
        case NAME -> {
          name = checkLength(reader.nextName());
          if (((JsonObject) open.peek()).has(name)) {
            throw ProtocolException.malformed("Body has member '" + name + "' twice in one object");
          }
          continue;
        }
        case STRING -> value = new JsonPrimitive(checkLength(reader.nextString()));
        case NUMBER -> {
          String literal = reader.nextString();
          if (prepass != null) {
            String setAside = prepass.literal(numbers++);
            literal = setAside != null ? setAside : literal;
          }
          value = new JsonPrimitive(new JsonNumber(checkLength(literal)));
        }
        case BOOLEAN -> value = reader.nextBoolean() ? TRUE : FALSE;
        case NULL -> {
          reader.nextNull();
          value = JsonNull.INSTANCE;
        }
        default -> throw new EOFException();
      }
      JsonElement parent = open.peek();
      if (parent == null) {
        root = value;
      } else if (parent.isJsonObject()) {
        parent.getAsJsonObject().add(name, value);
      } else {
        parent.getAsJsonArray().add(value);
      }
      if (value.isJsonObject() || value.isJsonArray()) {
        open.push(value);
      } else if (parent == null) {
        return root;
      }
    }
  }

  private void checkDepth(int depthBefore) {
    if (depthBefore >= maxDepth) {
      throw new ProtocolException(ErrorCode.JSON_TOO_DEEP, "JSON nesting is deeper than " + maxDepth);
    }
  }

  private String checkLength(String text) {
    if (text.length() > maxStringLength) {
      throw new ProtocolException(
          ErrorCode.STRING_TOO_LONG, "A JSON string is longer than " + maxStringLength + " characters");
    }
    return text;
  }
}
