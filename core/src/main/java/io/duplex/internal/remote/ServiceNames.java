package io.duplex.internal.remote;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Service names a page could not use, with the reason. The generated stub runs {@code
 * duplex.service("Name", ...)}, and the engine's {@code defineService} assigns the service object
 * to {@code globalThis[Name]}: a name that is already a global of the engine, of JavaScript or of
 * the browser would replace it for every script of the page (a service called {@code JSON} breaks
 * {@code JSON.parse} everywhere, one called {@code duplex} removes the engine). Refused at startup
 * so the mistake shows before a page loads.
 */
final class ServiceNames {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private static final Map<String, String> RESERVED = new HashMap<>();

  static {
    reserve(
        "it is the Duplex engine itself (globalThis.duplex): the stub would replace it and stop"
            + " every call and reverse call of the page",
        "duplex");
    reserve(
        "it is object machinery: the engine refuses to define it (the stub throws a TypeError when"
            + " the page loads) or it would change every object of the page",
        "__proto__",
        "constructor",
        "prototype",
        "toString",
        "toLocaleString",
        "valueOf",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__");
    reserve(
        "it is a JavaScript built-in global: the stub would replace it for every script of the page",
        "globalThis", "Infinity", "NaN", "undefined", "eval", "isFinite", "isNaN", "parseFloat",
        "parseInt", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape",
        "unescape", "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol",
        "BigInt", "Math", "Date", "RegExp", "Error", "AggregateError", "EvalError", "RangeError",
        "ReferenceError", "SyntaxError", "TypeError", "URIError", "JSON", "Promise", "Proxy",
        "Reflect", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry",
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array",
        "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "Intl", "Iterator");
    reserve(
        "it is a browser global (the engine itself uses fetch, timers, AbortController, TextDecoder,"
            + " Blob, document, location, navigator and addEventListener): the stub would replace"
            + " it for every script of the page",
        "window", "self", "document", "location", "navigator", "history", "console", "fetch",
        "XMLHttpRequest", "EventSource", "WebSocket", "setTimeout", "clearTimeout", "setInterval",
        "clearInterval", "queueMicrotask", "requestAnimationFrame", "cancelAnimationFrame",
        "structuredClone", "reportError", "localStorage", "sessionStorage", "indexedDB", "caches",
        "crypto", "performance", "top", "parent", "frames", "opener", "frameElement", "name",
        "status", "closed", "length", "origin", "screen", "alert", "confirm", "prompt", "open",
        "close", "stop", "focus", "blur", "print", "find", "postMessage", "addEventListener",
        "removeEventListener", "dispatchEvent", "event", "external", "customElements",
        "getComputedStyle", "matchMedia", "scroll", "scrollTo", "scrollBy", "atob", "btoa",
        "URL", "URLSearchParams", "Headers", "Request", "Response", "AbortController",
        "AbortSignal", "TextEncoder", "TextDecoder", "Blob", "File", "FileReader", "FormData",
        "Event", "CustomEvent", "EventTarget", "Node", "Element", "HTMLElement", "Image",
        "Option", "Audio", "Worker", "Notification", "isSecureContext", "trustedTypes");
    reserve(
        "it is a window event handler property: the stub would assign an object to it",
        "onload", "onunload", "onbeforeunload", "onerror", "onmessage", "onhashchange",
        "onpopstate", "onstorage", "onfocus", "onblur", "onresize", "onscroll", "onclick",
        "onkeydown", "onkeyup", "onoffline", "ononline", "onpageshow", "onpagehide",
        "onunhandledrejection", "onvisibilitychange");
    reserve(
        "it is a JavaScript reserved word: page code could not write it as a name",
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
        "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
        "function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new",
        "null", "package", "private", "protected", "public", "return", "static", "super",
        "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
        "yield", "arguments");
  }

  private ServiceNames() {}

  private static void reserve(String reason, String... names) {
    for (String name : names) {
      RESERVED.putIfAbsent(name, reason);
    }
  }

  /**
   * Why a page could not call a method of this name, or null if it can: the engine leaves these
   * out of a service object (they would reach its prototype), so the method would be exposed on
   * the server and missing in the page.
   */
  static String whyNotMethod(String name) {
    if (name.equals("constructor") || name.equals("prototype") || name.equals("__proto__")) {
      return "the engine leaves it out of the service object (it is object machinery); rename the"
          + " Java method";
    }
    return null;
  }

  /** Why a page could not use a service of this name, or null if it can. */
  static String whyNot(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      return "the name must be a JavaScript identifier (letters, digits, _ and $, not starting with"
          + " a digit): page code calls it as Name.method()";
    }
    String reason = RESERVED.get(name);
    if (reason != null) {
      return reason;
    }
    return null;
  }
}
