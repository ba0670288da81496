package org.worldmodels.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal that forms an npy header, e.g. {@code {'descr': '<f4', 'fortran_order':
 * False, 'shape': (2, 3), }}. Only what numpy writes is understood: dicts, strings, {@code
 * True}/{@code False}/{@code None}, integers (with Python 2's optional {@code L}), tuples and
 * lists. Nothing is evaluated; anything else is a parse error.
 *
 * <p>Values map to Java as: dict to {@code Map<String, Object>}, str to {@code String}, int to
 * {@code Long}, tuple to {@link Tuple}, list to {@code List<Object>}, bool to {@code Boolean}, None
 * to null.
 */
final class PyLiteral {
  /** A Python tuple; kept apart from lists because a list {@code descr} means a record dtype. */
  record Tuple(List<Object> items) {}

  /** Thrown on malformed input; the caller adds file and key. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  /** Deeper nesting than numpy ever writes; bounds the recursion on hostile input. */
  private static final int MAX_DEPTH = 16;

  private final String text;
  private int pos;
  private int depth;

  private PyLiteral(String text) {
    this.text = text;
  }

  /** Parses {@code text}, which must hold one literal and nothing else but whitespace. */
  static Object parse(String text) throws ParseException {
    PyLiteral p = new PyLiteral(text);
    Object value = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the literal");
    }
    return value;
  }

  private Object value() throws ParseException {
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    if (c == '{' || c == '(' || c == '[') {
      if (++depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH + " levels");
      }
      Object nested = c == '{' ? dict() : sequence(c);
      depth--;
      return nested;
    }
    if (c == '\'' || c == '"') {
      return string(c);
    }
    if (c == '-' || c == '+' || Character.isDigit(c)) {
      return integer();
    }
    if (Character.isLetter(c)) {
      return word();
    }
    throw error("unexpected character '" + c + "'");
  }

  private Map<String, Object> dict() throws ParseException {
    pos++; // '{'
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (peek('}')) {
        pos++;
        return map;
      }
      Object key = value();
      if (!(key instanceof String name)) {
        throw error("dict key is not a string");
      }
      skipSpace();
      expect(':');
      map.put(name, value());
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (!peek('}')) {
        throw error("expected ',' or '}'");
      }
    }
  }

  private Object sequence(char open) throws ParseException {
    char close = open == '(' ? ')' : ']';
    pos++;
    List<Object> items = new ArrayList<>();
    boolean sawComma = false;
    while (true) {
      skipSpace();
      if (peek(close)) {
        pos++;
        break;
      }
      items.add(value());
      skipSpace();
      sawComma = peek(',');
      if (sawComma) {
        pos++;
      } else if (!peek(close)) {
        throw error("expected ',' or '" + close + "'");
      }
    }
    if (open == '[') {
      return items;
    }
    // In Python "(5)" is just 5; a one-item tuple needs its comma, "(5,)".
    return items.size() == 1 && !sawComma ? items.get(0) : new Tuple(items);
  }

  private String string(char quote) throws ParseException {
    int start = ++pos;
    while (pos < text.length() && text.charAt(pos) != quote) {
      if (text.charAt(pos) == '\\') {
        throw error("escape sequences in strings are not supported");
      }
      pos++;
    }
    if (pos >= text.length()) {
      throw error("unterminated string");
    }
    return text.substring(start, pos++);
  }

  private Long integer() throws ParseException {
    int start = pos;
    if (peek('-') || peek('+')) {
      pos++;
    }
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    String digits = text.substring(start, pos);
    if (peek('L') || peek('l')) {
      pos++; // Python 2 long suffix, found in old files
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw error("not an integer that fits 64 bits: " + digits);
    }
  }

  private Object word() throws ParseException {
    int start = pos;
    while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    String w = text.substring(start, pos);
    return switch (w) {
      case "True" -> Boolean.TRUE;
      case "False" -> Boolean.FALSE;
      case "None" -> null;
      default -> throw error("unexpected word '" + w + "'");
    };
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) throws ParseException {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private ParseException error(String what) {
    return new ParseException(what + " at character " + pos);
  }
}
