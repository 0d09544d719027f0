package io.duplex.internal.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites, in place, the two things valid JSON may contain that the strict tokenizer refuses, so a
 * second parse can keep them inside the one value they belong to: a lone surrogate escape (what
 * JSON.stringify writes for an emoji cut in half) becomes {@code \uFFFD}, and a number literal too
 * long for the tokenizer's buffer is set aside and replaced by {@code 0} padded with spaces (its
 * original text is put back by ordinal when the tree is built). One linear pass; it does not make
 * invalid JSON valid: a number literal is set aside only when it follows JSON's number grammar.
 */
final class JsonPrepass {
  /** Literals longer than this are set aside; the tokenizer's buffer holds about 1,000 characters. */
  static final int LONG_NUMBER = 256;

  private final List<Integer> ordinals = new ArrayList<>();
  private final List<String> literals = new ArrayList<>();
  private int next;
  private boolean changed;

  private JsonPrepass() {}

  /** Rewrites {@code text}; the result says what changed. */
  static JsonPrepass run(char[] text, int length) {
    JsonPrepass pass = new JsonPrepass();
    pass.scan(text, length);
    return pass;
  }

  /** Whether anything was rewritten: if not, a second parse would fail the same way. */
  boolean changed() {
    return changed;
  }

  /**
   * The original text of the number token with this ordinal (0-based, in document order), or null
   * when it was not set aside. Asked in increasing order, so each answer costs constant time.
   */
  String literal(int ordinal) {
    if (next < ordinals.size() && ordinals.get(next) == ordinal) {
      return literals.get(next++);
    }
    return null;
  }

  boolean hasLiterals() {
    return !ordinals.isEmpty();
  }

  private void scan(char[] c, int n) {
    boolean inString = false;
    int numbers = 0;
    int i = 0;
    while (i < n) {
      char ch = c[i];
      if (inString) {
        if (ch == '"') {
          inString = false;
          i++;
        } else if (ch == '\\') {
          i = escape(c, n, i);
        } else {
          i++;
        }
      } else if (ch == '"') {
        inString = true;
        i++;
      } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
        int start = i;
        while (i < n && isNumberChar(c[i])) {
          i++;
        }
        if (i - start > LONG_NUMBER && isJsonNumber(c, start, i)) {
          ordinals.add(numbers);
          literals.add(new String(c, start, i - start));
          c[start] = '0';
          for (int k = start + 1; k < i; k++) {
            c[k] = ' ';
          }
          changed = true;
        }
        numbers++;
      } else {
        i++;
      }
    }
  }

  /** Handles the escape at {@code i} (a backslash inside a string); returns the index after it. */
  private int escape(char[] c, int n, int i) {
    int code = unicodeEscape(c, n, i);
    if (code < 0) {
      return i + 2;
    }
    if (Character.isHighSurrogate((char) code)) {
      int next = unicodeEscape(c, n, i + 6);
      if (next >= 0 && Character.isLowSurrogate((char) next)) {
        return i + 12;
      }
      replacementCharacter(c, i);
    } else if (Character.isLowSurrogate((char) code)) {
      replacementCharacter(c, i);
    }
    return i + 6;
  }

  private void replacementCharacter(char[] c, int i) {
    c[i + 2] = 'F';
    c[i + 3] = 'F';
    c[i + 4] = 'F';
    c[i + 5] = 'D';
    changed = true;
  }

  /** The code unit of a {@code \\uXXXX} escape at {@code i}, or -1 if there is none. */
  private static int unicodeEscape(char[] c, int n, int i) {
    if (i + 5 >= n || c[i] != '\\' || c[i + 1] != 'u') {
      return -1;
    }
    int code = 0;
    for (int k = i + 2; k < i + 6; k++) {
      char h = c[k];
      int digit = h >= '0' && h <= '9' ? h - '0'
          : h >= 'a' && h <= 'f' ? h - 'a' + 10
          : h >= 'A' && h <= 'F' ? h - 'A' + 10
          : -1;
      if (digit < 0) {
        return -1;
      }
      code = code * 16 + digit;
    }
    return code;
  }

  private static boolean isNumberChar(char ch) {
    return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E';
  }

  /** RFC 8259: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
  static boolean isJsonNumber(char[] c, int from, int to) {
    int i = from;
    if (i < to && c[i] == '-') {
      i++;
    }
    if (i >= to) {
      return false;
    }
    if (c[i] == '0') {
      i++;
    } else if (c[i] >= '1' && c[i] <= '9') {
      i = digits(c, i, to);
    } else {
      return false;
    }
    if (i < to && c[i] == '.') {
      int after = digits(c, i + 1, to);
      if (after == i + 1) {
        return false;
      }
      i = after;
    }
    if (i < to && (c[i] == 'e' || c[i] == 'E')) {
      i++;
      if (i < to && (c[i] == '+' || c[i] == '-')) {
        i++;
      }
      int after = digits(c, i, to);
      if (after == i) {
        return false;
      }
      i = after;
    }
    return i == to;
  }

  private static int digits(char[] c, int i, int to) {
    while (i < to && c[i] >= '0' && c[i] <= '9') {
      i++;
    }
    return i;
  }
}
