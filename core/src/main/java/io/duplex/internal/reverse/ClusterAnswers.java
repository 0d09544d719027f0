package io.duplex.internal.reverse;

import io.duplex.PageAnswerException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two backplane messages of an ask of every node's pages. Their first byte is a message type
 * that a {@link ClusterPush} version byte never is, so a node of an earlier version skips them with
 * a warning (its pages are then absent from the answers).
 *
 * <p>{@link Ask}: type 2, origin node token (UTF), ask id (long), timeout in ms (long), constraint
 * count and (key ordinal, value) pairs as in a push, then the call entry without its answer id
 * (int length, UTF-8): each node appends its own page-level ask id. {@link Reply}: type 3, origin
 * token, ask id, replying node token, answer count, then per page: reason ordinal or 255 for an
 * answer, script session id, page, user (flag + UTF), and the answer's JSON or the failure message
 * (int length, UTF-8). Every length is checked against the bytes left before anything is allocated.
 */
final class ClusterAnswers {
  static final int ASK = 2;
  static final int REPLY = 3;
  private static final int ANSWERED = 255;
  private static final Reason[] REASONS = Reason.values();

  private ClusterAnswers() {}

  /** An ask published by node {@code origin}, to be asked of each node's matching pages. */
  record Ask(String origin, long id, long timeoutMillis, SessionKey[] keys, String[] values, String entryHead) {
    byte[] encode() {
      return write(out -> {
        out.writeByte(ASK);
        out.writeUTF(origin);
        out.writeLong(id);
        out.writeLong(timeoutMillis);
        ClusterPush.writeTarget(out, keys, values);
        writeText(out, entryHead);
      });
    }
  }

  /** One page's outcome: {@code reason} null with the answer's JSON, else the failure's message. */
  record Outcome(String sessionId, String page, String user, Reason reason, String text) {}

  /** A node's answers to ask {@code id} of node {@code origin}. */
  record Reply(String origin, long id, String node, List<Outcome> outcomes) {
    byte[] encode() {
      return write(out -> {
        out.writeByte(REPLY);
        out.writeUTF(origin);
        out.writeLong(id);
        out.writeUTF(node);
        out.writeInt(outcomes.size());
        for (Outcome outcome : outcomes) {
          out.writeByte(outcome.reason() == null ? ANSWERED : outcome.reason().ordinal());
          out.writeUTF(outcome.sessionId());
          out.writeUTF(outcome.page());
          out.writeBoolean(outcome.user() != null);
          if (outcome.user() != null) {
            out.writeUTF(outcome.user());
          }
          writeText(out, outcome.text());
        }
      });
    }
  }

  /** @return the message type, or -1 for an empty message */
  static int type(byte[] message) {
    return message.length == 0 ? -1 : message[0] & 0xff;
  }

  /** @throws IllegalArgumentException for bytes not written by {@link Ask#encode} */
  static Ask decodeAsk(byte[] message) {
    return read(message, ASK, in -> {
      String origin = in.readUTF();
      long id = in.readLong();
      long timeout = in.readLong();
      if (timeout <= 0) {
        throw new IllegalArgumentException("ask timeout " + timeout);
      }
      ClusterPush.Target target = ClusterPush.readTarget(in);
      return new Ask(origin, id, timeout, target.keys(), target.values(), readText(in));
    });
  }

  /** @throws IllegalArgumentException for bytes not written by {@link Reply#encode} */
  static Reply decodeReply(byte[] message) {
    return read(message, REPLY, in -> {
      String origin = in.readUTF();
      long id = in.readLong();
      String node = in.readUTF();
      int count = in.readInt();
      // Each outcome takes at least 10 bytes: a count beyond what is left is a lie.
      if (count < 0 || count > in.available() / 10) {
        throw new IllegalArgumentException("reply of " + count + " answers in " + in.available() + " bytes");
      }
      List<Outcome> outcomes = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int reason = in.readUnsignedByte();
        String sessionId = in.readUTF();
        String page = in.readUTF();
        String user = in.readBoolean() ? in.readUTF() : null;
        outcomes.add(new Outcome(sessionId, page, user, reason == ANSWERED ? null : REASONS[reason], readText(in)));
      }
      return new Reply(origin, id, node, List.copyOf(outcomes));
    });
  }

  private interface Writing {
    void to(DataOutputStream out) throws IOException;
  }

  private interface Reading<T> {
    T from(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writing writing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writing.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] message, int type, Reading<T> reading) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
      if (in.readUnsignedByte() != type) {
        throw new IllegalArgumentException("not a backplane message of type " + type);
      }
      T value = reading.from(in);
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " bytes after the end of the message");
      }
      return value;
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("unreadable backplane message", e);
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("text of " + length + " bytes with " + in.available() + " left");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
