package io.duplex.internal.reverse;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A push as it travels on the backplane: the target's index constraints and the payloads, encoded
 * once whatever the number of nodes and pages. Version byte, constraint count, (key ordinal, value)
 * pairs, payload count, (length, bytes) pairs. Filters never travel: a Java predicate cannot.
 *
 * <p>A topic publish is a push whose one constraint is {@link SessionKey#TOPIC} (ordinal 5, added
 * last so the ordinals of the other kinds are unchanged): each node queues it to its own subscribers.
 * A node of an earlier version cannot read that kind and skips the message with a warning.
 */
record ClusterPush(SessionKey[] keys, String[] values, List<byte[]> payloads) {
  private static final int VERSION = 1;
  private static final SessionKey[] KEYS = SessionKey.values();

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeTarget(out, keys, values);
      out.writeInt(payloads.size());
      for (byte[] payload : payloads) {
        out.writeInt(payload.length);
        out.write(payload);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** @throws IllegalArgumentException for bytes not written by {@link #encode} of this version */
  static ClusterPush decode(byte[] message) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(message))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("backplane message of version " + version + ", this node reads " + VERSION);
      }
      Target target = readTarget(in);
      // Sizes come from the message: each is checked against the bytes left before anything is
      // allocated for it, so a corrupt message costs no more than its own length.
      int count = in.readInt();
      if (count < 0 || count > in.available() / 4) {
        throw new IllegalArgumentException(count + " payloads with " + in.available() + " bytes left");
      }
      List<byte[]> payloads = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
          throw new IllegalArgumentException("payload of " + length + " bytes with " + in.available() + " left");
        }
        payloads.add(in.readNBytes(length));
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " bytes after the end of the message");
      }
      return new ClusterPush(target.keys(), target.values(), payloads);
    } catch (IOException | ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("unreadable backplane message", e);
    }
  }

  /** Which pages a cluster message is for: index keys and their values, as a push and an ask carry them. */
  record Target(SessionKey[] keys, String[] values) {}

  /** Writes a target the way {@link #readTarget} reads it (pushes and asks share it). */
  static void writeTarget(DataOutputStream out, SessionKey[] keys, String[] values) throws IOException {
    out.writeByte(keys.length);
    for (int i = 0; i < keys.length; i++) {
      out.writeByte(keys[i].ordinal());
      out.writeUTF(values[i]);
    }
  }

  /** @throws ArrayIndexOutOfBoundsException for a key this version does not know */
  static Target readTarget(DataInputStream in) throws IOException {
    int keyCount = in.readUnsignedByte();
    SessionKey[] keys = new SessionKey[keyCount];
    String[] values = new String[keyCount];
    for (int i = 0; i < keyCount; i++) {
      keys[i] = KEYS[in.readUnsignedByte()];
      values[i] = in.readUTF();
    }
    return new Target(keys, values);
  }

  private int size() {
    int size = 0;
    for (byte[] payload : payloads) {
      size += payload.length + 4;
    }
    return size;
  }
}
