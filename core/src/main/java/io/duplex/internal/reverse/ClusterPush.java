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
      out.writeByte(keys.length);
      for (int i = 0; i < keys.length; i++) {
        out.writeByte(keys[i].ordinal());
        out.writeUTF(values[i]);
      }
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
      int keyCount = in.readUnsignedByte();
      SessionKey[] keys = new SessionKey[keyCount];
      String[] values = new String[keyCount];
      for (int i = 0; i < keyCount; i++) {
        keys[i] = KEYS[in.readUnsignedByte()];
        values[i] = in.readUTF();
      }
      int count = in.readInt();
      List<byte[]> payloads = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        payloads.add(payload);
      }
      return new ClusterPush(keys, values, payloads);
    } catch (IOException | ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("unreadable backplane message", e);
    }
  }

  private int size() {
    int size = 0;
    for (byte[] payload : payloads) {
      size += payload.length + 4;
    }
    return size;
  }
}
