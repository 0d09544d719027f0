"use strict";
// Test doubles for the browser boundary: fetch with scripted responses (JSON, status codes, NDJSON
// streams read chunk by chunk), a virtual clock, a window-like global. The engine runs unchanged.

const path = require("node:path");

require(path.join(__dirname, "../../main/resources/io/duplex/js/engine.js"));
const createEngine = globalThis.duplex._createEngine;

const BASE = "/duplex";

/** Lets every pending promise callback run (the engine only waits on fake I/O and fake timers). */
async function settle() {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

class FakeClock {
  constructor() {
    this.now = 0;
    this.timers = new Map();
    this.nextId = 1;
    this.setTimeout = (fn, ms) => {
      const id = this.nextId++;
      this.timers.set(id, { id, fn, at: this.now + Math.max(0, Number(ms) || 0) });
      return id;
    };
    this.clearTimeout = (id) => {
      this.timers.delete(id);
    };
  }

  /** Delays of the timers still pending, relative to now. */
  pending() {
    return Array.from(this.timers.values(), (t) => t.at - this.now);
  }

  /** Moves time forward, running due timers in order and letting promises settle after each. */
  async advance(ms) {
    const target = this.now + ms;
    await settle();
    for (;;) {
      let next = null;
      for (const t of this.timers.values()) {
        if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && t.id < next.id))) next = t;
      }
      if (!next) break;
      this.timers.delete(next.id);
      this.now = next.at;
      next.fn();
      await settle();
    }
    this.now = target;
    await settle();
  }
}

function abortError() {
  const e = new Error("The operation was aborted.");
  e.name = "AbortError";
  return e;
}

class FakeHeaders {
  constructor(map) {
    this.map = {};
    for (const k of Object.keys(map || {})) this.map[k.toLowerCase()] = map[k];
  }

  get(name) {
    const v = this.map[String(name).toLowerCase()];
    return v === undefined ? null : v;
  }
}

/** A ReadableStream body whose chunks the test pushes; abort and cancel behave like a browser's. */
class FakeStream {
  constructor() {
    this.chunks = [];
    this.reads = [];
    this.ended = false;
    this.failure = null;
    this.cancelled = false;
  }

  getReader() {
    return {
      read: () => new Promise((resolve, reject) => {
        this.reads.push({ resolve, reject });
        this.pump();
      }),
      cancel: () => {
        this.cancelled = true;
        this.ended = true;
        this.pump();
        return Promise.resolve();
      },
    };
  }

  pump() {
    while (this.reads.length) {
      if (this.failure) {
        this.reads.shift().reject(this.failure);
      } else if (this.chunks.length) {
        this.reads.shift().resolve({ done: false, value: this.chunks.shift() });
      } else if (this.ended) {
        this.reads.shift().resolve({ done: true, value: undefined });
      } else {
        return;
      }
    }
  }
}

class FakeResponse {
  constructor(status, text, headers, stream) {
    this.status = status;
    this.ok = status >= 200 && status < 300;
    this.headers = new FakeHeaders(headers);
    this.textBody = text;
    this.body = stream || null;
  }

  text() {
    return Promise.resolve(this.textBody === undefined ? "" : this.textBody);
  }
}

/** One request the engine made; the test answers it. */
class FakeRequest {
  constructor(url, init, resolve, reject) {
    this.url = url;
    this.init = init;
    this.endpoint = url.startsWith(BASE) ? url.slice(BASE.length) : url;
    this.headers = init.headers || {};
    this.body = init.body === undefined ? undefined : JSON.parse(init.body);
    this.resolve = resolve;
    this.reject = reject;
    this.answered = false;
    this.aborted = false;
    this.stream = null;
  }

  reply(json, status = 200, headers = { "Content-Type": "application/json" }) {
    return this.replyText(json === undefined ? "" : JSON.stringify(json), status, headers);
  }

  replyText(text, status = 200, headers = { "Content-Type": "text/html" }) {
    this.answered = true;
    this.resolve(new FakeResponse(status, text, headers));
  }

  /** Answers with an NDJSON stream; returns {push(stringOrBytes), end(), fail(error)}. */
  openStream(contentType = "application/x-ndjson") {
    this.answered = true;
    const stream = new FakeStream();
    this.stream = stream;
    this.resolve(new FakeResponse(200, undefined, { "Content-Type": contentType }, stream));
    const encoder = new TextEncoder();
    return {
      stream,
      push(chunk) {
        stream.chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
        stream.pump();
      },
      line(obj) {
        this.push(JSON.stringify(obj) + "\n");
      },
      end() {
        stream.ended = true;
        stream.pump();
      },
      fail(error) {
        stream.failure = error;
        stream.pump();
      },
    };
  }

  failNetwork(message = "Failed to fetch") {
    this.answered = true;
    this.reject(new TypeError(message));
  }
}

function handshakeBody(overrides = {}) {
  const reverse = Object.assign({
    mode: "piggyback", streaming: false, maxHoldMillis: 30000, heartbeatMillis: 15000,
    pollIntervalMillis: 2000, ackIntervalMillis: 1000,
  }, overrides.reverse || {});
  return {
    v: 1,
    session: overrides.session || "s1",
    csrf: overrides.csrf || "t1",
    page: "/chat.html",
    reverse,
    debug: false,
  };
}

/** A window-like global object: location, navigator with sendBeacon, event listeners. */
function fakeWindow(extra = {}) {
  const listeners = {};
  const beacons = [];
  const win = {
    location: {
      pathname: "/chat.html", search: "?room=1", href: "http://localhost/chat.html?room=1", origin: "http://localhost",
    },
    navigator: {
      onLine: true,
      sendBeacon(url, data) {
        beacons.push({ url, data });
        return true;
      },
    },
    onpagehide: null,
    addEventListener(type, fn) {
      (listeners[type] = listeners[type] || []).push(fn);
    },
    dispatch(type, event = {}) {
      for (const fn of listeners[type] || []) fn(event);
    },
    beacons,
  };
  return Object.assign(win, extra);
}

/** A browser WebSocket the test drives: accept, server lines, closes; frames sent are recorded. */
class FakeSocket {
  constructor(url, registry) {
    this.url = url;
    this.sent = [];
    this.closed = false;
    this.onopen = null;
    this.onmessage = null;
    this.onclose = null;
    this.onerror = null;
    registry.push(this);
  }

  send(text) {
    if (this.closed) throw new Error("WebSocket is already in CLOSING or CLOSED state");
    this.sent.push(JSON.parse(text));
  }

  close() {
    this.closed = true;
  }

  /** Frames sent with this op. */
  frames(op) {
    return this.sent.filter((f) => f.op === op);
  }

  /** The upgrade succeeded. */
  accept() {
    this.onopen && this.onopen({});
  }

  /** The server sends these objects as one message, a line each. */
  line(...objects) {
    this.onmessage && this.onmessage({ data: objects.map((o) => JSON.stringify(o) + "\n").join("") });
  }

  /** The connection ends with this close code (1006: dropped, or an upgrade that was refused). */
  drop(code = 1006) {
    this.closed = true;
    this.onerror && this.onerror({});
    this.onclose && this.onclose({ code });
  }
}

/**
 * An engine wired to fakes. `handshake` answers /session automatically (set it to null to answer by
 * hand); every other request waits in `requests` until the test takes and answers it.
 */
function createHarness(opts = {}) {
  const clock = opts.clock || new FakeClock();
  const win = opts.global || fakeWindow();
  const requests = [];
  const all = [];
  const reported = [];
  const warnings = [];
  let sessions = 0;
  const sockets = [];
  const h = {
    clock,
    win,
    requests,
    all,
    reported,
    sockets,
    warnings,
    handshake: opts.handshake === undefined ? handshakeBody() : opts.handshake,
    randomValue: 0.5,
  };
  const fetch = (url, init) => new Promise((resolve, reject) => {
    const req = new FakeRequest(url, init, resolve, reject);
    all.push(req);
    const signal = init.signal;
    if (signal) {
      const onAbort = () => {
        req.aborted = true;
        reject(abortError());
        if (req.stream) {
          req.stream.failure = abortError();
          req.stream.pump();
        }
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort);
    }
    if (req.endpoint === "/session" && h.handshake) {
      sessions++;
      const body = typeof h.handshake === "function" ? h.handshake(sessions, req) : h.handshake;
      req.reply(body);
      return;
    }
    requests.push(req);
  });
  h.engine = createEngine({
    fetch,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    now: () => clock.now,
    random: () => h.randomValue,
    global: win,
    reportError: (e) => reported.push(e),
    WebSocket: opts.noWebSocket ? null : class extends FakeSocket {
      constructor(url) {
        super(url, sockets);
      }
    },
    warn: (message) => warnings.push(message),
    locks: opts.tab ? opts.tab.locks : null,
    BroadcastChannel: opts.tab && !opts.noChannel ? opts.tab.BroadcastChannel : null,
    SharedWorker: opts.tab ? opts.tab.SharedWorker : null,
    hub: Boolean(opts.hub),
  });
  h.engine.configure(Object.assign({ path: BASE }, opts.config || {}));

  /** The oldest unanswered request to `endpoint` (waits for promises to settle first). */
  h.take = async (endpoint) => {
    await settle();
    const i = requests.findIndex((r) => r.endpoint === endpoint && !r.answered && !r.aborted);
    if (i < 0) {
      const seen = requests.map((r) => r.endpoint + (r.answered ? "(answered)" : "") + (r.aborted ? "(aborted)" : ""));
      throw new Error("no pending request to " + endpoint + "; pending: " + JSON.stringify(seen));
    }
    return requests.splice(i, 1)[0];
  };
  /** Unanswered, unaborted requests to `endpoint`. */
  h.open = (endpoint) => requests.filter((r) => r.endpoint === endpoint && !r.answered && !r.aborted);
  h.sent = (endpoint) => all.filter((r) => r.endpoint === endpoint);
  /** The newest WebSocket the engine opened. */
  h.socket = async () => {
    await settle();
    if (sockets.length === 0) throw new Error("no WebSocket opened");
    return sockets[sockets.length - 1];
  };
  h.events = (name) => {
    const seen = [];
    h.engine.on(name, (arg, detail) => seen.push(detail === undefined ? arg : [arg, detail]));
    return seen;
  };
  return h;
}

/**
 * One browser's Web Locks and BroadcastChannels, shared by the tabs (engines) made with tab():
 * locks are granted in request order and released when the callback's promise settles, or all at
 * once when the tab crashes; messages reach every other open channel of the name, in order, later.
 */
class FakeBrowser {
  /**
   * `workers`: the tabs have SharedWorker (with `clock`, the worker's engine runs on it); "fail":
   * every worker fires an error event (a 404 or a CSP refusal), "throw": the constructor throws,
   * "silent": it never answers, "other": it runs another version of the engine, "lingering": the
   * first tab's worker fires an error event, later ones are silent.
   */
  constructor(opts = {}) {
    this.queues = new Map(); // lock name -> [{ tab, fn, resolve, reject, granted, release }]
    this.channels = new Set();
    this.ports = new Set();
    this.workers = opts.workers || null;
    this.clock = opts.clock || null;
    this.hubs = new Map(); // script URL + name -> the worker's engine, wired like a tab's (createHarness)
  }

  /** The one worker's harness (its requests and sockets), made by the first tab that connected. */
  hub() {
    if (this.hubs.size !== 1) throw new Error(this.hubs.size + " workers");
    return this.hubs.values().next().value;
  }

  /** A pair of connected MessagePorts; messages arrive later, in order, as structured clones. */
  portPair(tab, other = null) {
    const browser = this;
    // Like a browser's: messages wait in the receiving port until it has an onmessage handler.
    const make = (owner) => ({
      tab: owner, other: null, closed: false, handler: null, waiting: [],
      get onmessage() {
        return this.handler;
      },
      set onmessage(fn) {
        this.handler = fn;
        const waiting = this.waiting.splice(0);
        for (const text of waiting) setImmediate(() => this.receive(text));
      },
      receive(text) {
        if (this.closed) return;
        if (this.handler) this.handler({ data: JSON.parse(text) });
        else this.waiting.push(text);
      },
      postMessage(data) {
        const text = JSON.stringify(data);
        const other = this.other;
        if (this.closed) return;
        setImmediate(() => other.receive(text));
      },
      start() {},
      close() {
        this.closed = true;
        browser.ports.delete(this);
      },
    });
    const a = make(tab);
    const b = make(other);
    a.other = b;
    b.other = a;
    this.ports.add(a);
    this.ports.add(b);
    return [a, b];
  }

  /** The SharedWorker constructor of `tab`. */
  sharedWorker(tab) {
    const browser = this;
    return class {
      constructor(url, options) {
        if (browser.workers === "throw") throw new Error("SecurityError: refused by the Content-Security-Policy");
        const key = url + " " + (options && options.name);
        let hub = browser.workers === "run" ? browser.hubs.get(key) : null;
        if (browser.workers === "run" && (!hub || hub.scope.crashed)) {
          // A new worker (also once the old one died, as a browser starts a new one).
          const scope = browser.tab();
          hub = createHarness({
            clock: browser.clock || new FakeClock(), tab: scope, hub: true,
            global: {
              name: options && options.name,
              location: { href: "http://localhost" + url, origin: "http://localhost" },
              navigator: { onLine: true },
            },
          });
          hub.scope = scope;
          hub.url = url;
          hub.name = options && options.name;
          browser.hubs.set(key, hub);
        }
        const [mine, theirs] = browser.portPair(tab, hub ? hub.scope : null);
        this.port = mine;
        this.onerror = null;
        if (browser.workers === "lingering") {
          // Chromium: the first page gets the error event of a worker script that failed to load,
          // a page asking for the same worker soon after gets nothing.
          browser.workers = "silent";
          setImmediate(() => this.onerror && this.onerror({ type: "error" }));
          return;
        }
        if (browser.workers === "fail") {
          setImmediate(() => this.onerror && this.onerror({ type: "error" }));
          return;
        }
        if (browser.workers === "silent") return;
        if (browser.workers === "other") {
          // A worker running another version of the engine.
          theirs.onmessage = () => {};
          theirs.postMessage({ t: "hello", tab: "worker", v: 0 });
          return;
        }
        hub.engine._connect(theirs);
      }
    };
  }

  tab() {
    const browser = this;
    const tab = { crashed: false };
    tab.locks = {
      query() {
        const held = [];
        const pending = [];
        for (const [name, queue] of browser.queues) {
          for (const entry of queue) (entry.granted ? held : pending).push({ name });
        }
        return Promise.resolve({ held, pending });
      },
      request(name, options, fn) {
        return new Promise((resolve, reject) => {
          const entry = { tab, fn, resolve, reject, granted: false };
          const queue = browser.queues.get(name) || [];
          browser.queues.set(name, queue);
          queue.push(entry);
          const signal = options && options.signal;
          if (signal) {
            signal.addEventListener("abort", () => {
              if (!entry.granted && queue.includes(entry)) {
                queue.splice(queue.indexOf(entry), 1);
                const e = new Error("aborted");
                e.name = "AbortError";
                reject(e);
              }
            });
          }
          browser.grant(name);
        });
      },
    };
    tab.BroadcastChannel = class {
      constructor(name) {
        this.name = name;
        this.tab = tab;
        this.onmessage = null;
        browser.channels.add(this);
      }

      postMessage(data) {
        const text = JSON.stringify(data);
        for (const other of browser.channels) {
          if (other !== this && other.name === this.name) {
            setImmediate(() => {
              if (browser.channels.has(other) && other.onmessage) other.onmessage({ data: JSON.parse(text) });
            });
          }
        }
      }

      close() {
        browser.channels.delete(this);
      }
    };
    tab.SharedWorker = browser.workers ? browser.sharedWorker(tab) : null;
    /** The tab dies without a word: its channels and ports close and its locks are released. */
    tab.crash = () => {
      tab.crashed = true;
      for (const c of Array.from(browser.channels)) if (c.tab === tab) browser.channels.delete(c);
      for (const p of Array.from(browser.ports)) if (p.tab === tab) p.close();
      for (const [name, queue] of browser.queues) {
        for (const entry of Array.from(queue)) if (entry.tab === tab) queue.splice(queue.indexOf(entry), 1);
        browser.grant(name);
      }
    };
    return tab;
  }

  grant(name) {
    const queue = this.queues.get(name);
    if (!queue || queue.length === 0 || queue[0].granted) return;
    const entry = queue[0];
    entry.granted = true;
    const done = () => {
      const i = queue.indexOf(entry);
      if (i >= 0) {
        queue.splice(i, 1);
        this.grant(name);
      }
    };
    Promise.resolve()
      .then(() => entry.fn({ name }))
      .then((v) => { done(); entry.resolve(v); }, (e) => { done(); entry.reject(e); });
  }

  /** Names of the locks held now. */
  held() {
    return Array.from(this.queues).filter(([, q]) => q.length > 0 && q[0].granted).map(([n]) => n);
  }
}

module.exports = { FakeBrowser, createHarness, handshakeBody, fakeWindow, settle, FakeClock, BASE, createEngine };
