/*
 * Duplex browser engine, wire protocol version 1 (docs/protocol.md); API in docs/client.md.
 * Plain ES2020 classic script, no dependencies, no eval: it works under a strict
 * Content-Security-Policy and defines globalThis.duplex (also when imported as a module).
 */
(function (root) {
  "use strict";

  // Loaded twice (script tag and module import, or two tags): keep the first engine and its state.
  if (root.duplex && typeof root.duplex._createEngine === "function") return;

  const VERSION = 1;
  const JSON_TYPE = "application/json";
  const DEFAULT_PATH = "/duplex";
  const BLOCKED_NAMES = new Set(["__proto__", "prototype", "constructor"]);
  const ENGINE_SERVICE = "duplex"; // reserved: the engine's own calls (topics, protocol 4.8)
  const BACKOFF_BASE_MILLIS = 500;
  const BACKOFF_CAP_MILLIS = 30000;
  const OFFLINE_AFTER_FAILURES = 3;
  // websocket mode: after this many sockets in a row fail (before opening, or within
  // SOCKET_LASTS_MILLIS of it) the page streams instead (protocol 4.6).
  const SOCKET_FAILURES_BEFORE_FALLBACK = 2;
  const SOCKET_LASTS_MILLIS = 10000;
  const MAX_ANSWER_MESSAGE = 4096; // an error answer's message is cut to this many characters
  const ANSWER_RETRY_MILLIS = 1000; // answers whose request failed are sent again after this
  const CONFIG_KEYS = new Set([
    "path", "timeout", "autoBatch", "autoStart", "maxBatchSize", "errorHandler",
    "reverseErrorHandler", "preHook", "postHook", "headers",
  ]);
  const noop = () => {};
  // DWR per-call options the engine does not support, with what to do instead: warned about once.
  const DWR_ONLY_OPTIONS = {
    exceptionHandler: "failures go to errorHandler(message, error)",
    warningHandler: "failures go to errorHandler(message, error)",
    textHtmlHandler: "an HTML answer rejects with HTTP_ERROR or PROTOCOL_ERROR, to errorHandler",
    callbackArg: "use a closure",
    callbackScope: "use a closure or bind",
    async: "calls are always asynchronous",
    preHook: "set it for every call with duplex.configure({preHook})",
    postHook: "set it for every call with duplex.configure({postHook})",
  };

  class DuplexError extends Error {
    constructor(code, message, extra) {
      super(message || code);
      const x = extra || {};
      this.name = "DuplexError";
      this.code = code;
      this.status = x.status;
      this.type = x.type;
      this.incident = x.incident;
      this.detail = x.detail;
      this.retryAfter = x.retryAfter;
    }
  }

  function protocolError(message, status) {
    return new DuplexError("PROTOCOL_ERROR", message, { status });
  }

  function isObject(v) {
    return v !== null && typeof v === "object";
  }

  function finiteOr(v, fallback) {
    return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : fallback;
  }

  /**
   * One engine. The page gets the one bound to the real browser globals; tests create more with
   * injected fetch, timers and global object.
   */
  function createEngine(options) {
    const o = options || {};
    const g = o.global || root;
    // The engine running in its site's SharedWorker: it holds the tabs' one connection and runs no page.
    const hubMode = Boolean(o.hub);
    const env = {
      fetch: o.fetch || (typeof g.fetch === "function" ? (url, init) => g.fetch(url, init) : null),
      setTimeout: o.setTimeout || ((fn, ms) => root.setTimeout(fn, ms)),
      clearTimeout: o.clearTimeout || ((id) => root.clearTimeout(id)),
      queueMicrotask: o.queueMicrotask
        || (typeof root.queueMicrotask === "function"
          ? (fn) => root.queueMicrotask(fn) : (fn) => Promise.resolve().then(fn)),
      now: o.now || (() => Date.now()),
      random: o.random || Math.random,
      AbortController: o.AbortController || root.AbortController,
      TextDecoder: o.TextDecoder || root.TextDecoder,
      Blob: o.Blob || root.Blob,
      WebSocket: "WebSocket" in o ? o.WebSocket : root.WebSocket,
      // Sharing one held connection among the tabs of a site (protocol 4.4, "pages").
      locks: "locks" in o ? o.locks : (g.navigator && g.navigator.locks) || null,
      BroadcastChannel: "BroadcastChannel" in o ? o.BroadcastChannel : root.BroadcastChannel || null,
      SharedWorker: "SharedWorker" in o ? o.SharedWorker : root.SharedWorker || null,
      warn: o.warn || ((message) => { if (root.console) root.console.warn(message); }),
      reportError: o.reportError || ((e) => {
        if (typeof root.reportError === "function") root.reportError(e);
        else if (root.console) root.console.error(e);
      }),
    };

    const config = {
      path: null, timeout: 30000, autoBatch: true, autoStart: true, maxBatchSize: 100,
      errorHandler: null, reverseErrorHandler: null, preHook: null, postHook: null, headers: null,
    };
    let pathSource = null; // "config" | "script" | "stub": an explicit path beats the guesses

    const listeners = new Map();
    const exposed = new Map();
    const handles = new Map();
    const unsettled = new Set();
    const topics = new Map(); // topic -> {fns, ready, session}: this page's subscriptions (4.8)
    const topicChains = new Map(); // topic -> the tail of its server calls, which run in order
    const stats = { calls: 0, reverseCalls: 0, requests: 0, reconnects: 0 };

    let status = "idle";
    let mode = null;
    let transportName = null;
    let session = null;
    let csrf = null;
    let reverseCfg = null;
    let lastSeq = 0; // highest reverse seq run (protocol 4.1)
    let ackSent = 0; // highest ack the server has been sent
    let callCounter = 0;
    let handleCounter = 0;
    let reverseCounter = 0; // numbers /reverse requests: a late copy of an abandoned one loses (4.4)
    let queued = [];
    let flushScheduled = false;
    let currentBatch = null;
    let handshakePromise = null;
    let renewPromise = null;
    let loop = null; // the running start() loop: handshake retries, then the reverse transport
    let startPromise = null;
    let startDeferred = null;
    let startRequested = false;
    let failures = 0;
    let ackTimer = null;
    let lastAckAt = -Infinity;
    // An /ack request not yet answered: every reverse object until the server reads it may say
    // ackNow, and one request per object would pile up on a slow network.
    let ackPosting = false;
    let restartAfterPageShow = false;
    let advisedPoll = false; // the server holds enough requests of this browser: poll (protocol 4.4)
    let socket = null; // the page's open WebSocket in websocket mode (protocol 4.6), once it said open
    let socketFailures = 0; // sockets in a row that failed before or soon after they opened
    let fellBack = null; // why the page streams instead of using its WebSocket, while it does
    let tabs = null; // this page's link to the other tabs of its site while they share a connection
    let workerFailed = false; // the site's SharedWorker failed here: share through the Web Lock leader
    let answersOut = []; // answers to asks (protocol 4.7) not yet sent: { session, id, json, refused }
    let answersTimer = null;

    // ---------------------------------------------------------------- small utilities

    const warnedOptions = new Set();

    /** Options DWR knew but this engine ignores: say so once per name instead of ignoring silently. */
    function warnUnsupported(options) {
      for (const key of Object.keys(options)) {
        if (Object.prototype.hasOwnProperty.call(DWR_ONLY_OPTIONS, key) && !warnedOptions.has(key)) {
          warnedOptions.add(key);
          try {
            env.warn("duplex: the call option \"" + key + "\" is not supported and is ignored; "
              + DWR_ONLY_OPTIONS[key] + " (docs/migrating-from-dwr.md)");
          } catch (ignored) { /* no console */ }
        }
      }
    }

    function report(e) {
      try { env.reportError(e); } catch (ignored) { /* nowhere left to report */ }
    }

    function safely(fn, args, self) {
      try {
        return fn.apply(self, args);
      } catch (e) {
        report(e);
        return undefined;
      }
    }

    function emit(event, arg, detail) {
      const set = listeners.get(event);
      if (!set || set.size === 0) return false;
      const args = detail === undefined ? [arg] : [arg, detail];
      for (const fn of Array.from(set)) safely(fn, args);
      return true;
    }

    function setStatus(s, fromLeader) {
      // A follower's status is the leader's connection's (tabs "status" message), not its own calls'.
      if (!fromLeader && s !== "idle" && following() && tabs.leaderStatus) return;
      if (status !== s) {
        status = s;
        emit("status", s);
        tellStatus();
      }
    }

    function noteSuccess() {
      failures = 0;
      setStatus("online");
    }

    function browserOffline() {
      return Boolean(g.navigator && g.navigator.onLine === false);
    }

    function noteFailure() {
      failures++;
      setStatus(failures >= OFFLINE_AFTER_FAILURES || browserOffline() ? "offline" : "reconnecting");
    }

    // Full jitter: a random delay up to an exponentially growing cap, so pages that lost the server
    // together do not come back together.
    function backoffDelay() {
      const cap = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS * Math.pow(2, Math.max(0, failures - 1)));
      return Math.floor(env.random() * cap);
    }

    function isRetryable(err) {
      if (err.code === "NETWORK" || err.code === "TIMEOUT" || err.code === "SERVER_ERROR") return true;
      return typeof err.status === "number" && (err.status >= 500 || err.status === 408 || err.status === 429);
    }

    function toDuplexError(e) {
      if (e instanceof DuplexError) return e;
      return protocolError(String((e && e.message) || e));
    }

    // ---------------------------------------------------------------- base path

    function setPath(p, source) {
      config.path = String(p).replace(/\/+$/, "");
      pathSource = source;
    }

    function basePath() {
      return config.path !== null ? config.path : DEFAULT_PATH;
    }

    function pathFromScriptUrl(src) {
      try {
        const loc = g.location;
        const url = loc && loc.href ? new URL(src, loc.href) : new URL(src);
        const dir = url.pathname.replace(/\/[^/]*$/, "");
        return loc && loc.origin && url.origin !== loc.origin ? url.origin + dir : dir;
      } catch (e) {
        return null;
      }
    }

    function useScriptUrl(src) {
      if (pathSource === "config" || !src) return;
      const p = pathFromScriptUrl(src);
      if (p !== null) setPath(p, "script");
    }

    // ---------------------------------------------------------------- HTTP

    function ackValue() {
      if (hubMode) return ownerAck();
      if (lastSeq > ackSent) ackSent = lastSeq;
      return lastSeq;
    }

    function mergeHeaders(target, extra) {
      if (!isObject(extra)) return target;
      for (const key of Object.keys(extra)) {
        if (key.toLowerCase() !== "content-type") target[key] = String(extra[key]);
      }
      return target;
    }

    async function post(endpoint, bodyText, init) {
      if (!env.fetch) throw new DuplexError("NETWORK", "fetch is not available");
      const headers = mergeHeaders({}, config.headers);
      if (init.headers) mergeHeaders(headers, init.headers);
      headers["Content-Type"] = JSON_TYPE;
      stats.requests++;
      try {
        return await env.fetch(basePath() + endpoint, {
          method: "POST",
          credentials: "same-origin",
          headers,
          body: bodyText,
          signal: init.signal,
        });
      } catch (e) {
        throw new DuplexError("NETWORK", "Request to " + endpoint + " failed: " + ((e && e.message) || e));
      }
    }

    const UNREADABLE = {};

    async function readJson(res) {
      let text;
      try {
        text = await res.text();
      } catch (e) {
        throw new DuplexError("NETWORK", "Response could not be read: " + ((e && e.message) || e),
          { status: res.status });
      }
      if (!text) return UNREADABLE;
      try {
        return JSON.parse(text);
      } catch (e) {
        return UNREADABLE;
      }
    }

    function errorFromInfo(info, status) {
      return new DuplexError(info.code, typeof info.message === "string" ? info.message : info.code, {
        status, type: info.type, incident: info.incident, detail: info.detail,
      });
    }

    // Retry-After in seconds (protocol section 6, SERVER_BUSY), as milliseconds; undefined if absent.
    function retryAfterMillis(res) {
      const v = header(res, "retry-after");
      const seconds = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
      return Number.isFinite(seconds) ? Math.min(seconds, 3600) * 1000 : undefined;
    }

    function requestError(res, body) {
      if (isObject(body) && isObject(body.error) && typeof body.error.code === "string") {
        const err = errorFromInfo(body.error, res.status);
        err.retryAfter = retryAfterMillis(res);
        return err;
      }
      return new DuplexError("HTTP_ERROR", "HTTP status " + res.status, { status: res.status });
    }

    async function errorOf(res) {
      let body = UNREADABLE;
      try { body = await readJson(res); } catch (ignored) { /* status alone tells enough */ }
      return requestError(res, body);
    }

    /** The JSON object of a 2xx Duplex response; a request-level error or PROTOCOL_ERROR otherwise. */
    async function expectJson(res) {
      const body = await readJson(res);
      if (!res.ok || (isObject(body) && isObject(body.error))) throw requestError(res, body);
      if (!isObject(body) || body.v !== VERSION) {
        throw protocolError("Response is not a Duplex v" + VERSION + " object", res.status);
      }
      return body;
    }

    function header(res, name) {
      return (res.headers && typeof res.headers.get === "function" && res.headers.get(name)) || "";
    }

    // ---------------------------------------------------------------- handshake and session

    function handshake() {
      if (!handshakePromise) {
        handshakePromise = doHandshake();
        const clear = () => { handshakePromise = null; };
        handshakePromise.then(clear, clear);
      }
      return handshakePromise;
    }

    async function doHandshake() {
      if (status === "idle") setStatus("connecting");
      const loc = g.location;
      const page = loc ? (loc.pathname || "/") + (loc.search || "") : "/";
      const res = await post("/session", JSON.stringify({ v: VERSION, page }), {});
      const body = await expectJson(res);
      const r = body.reverse;
      if (typeof body.session !== "string" || !body.session || typeof body.csrf !== "string" || !isObject(r)) {
        throw protocolError("Malformed handshake response", res.status);
      }
      const t = r.mode === "comet" ? (r.streaming ? "streaming" : "longpoll")
        : r.mode === "polling" ? "polling" : r.mode === "piggyback" ? "piggyback"
          : r.mode === "websocket" ? (env.WebSocket ? "websocket" : "streaming") : null;
      if (!t) throw protocolError("Unknown reverse mode " + r.mode, res.status);
      session = body.session;
      csrf = body.csrf;
      mode = r.mode;
      transportName = t;
      advisedPoll = false;
      fellBack = r.mode === "websocket" && t !== "websocket" ? "this browser has no WebSocket" : null;
      socketFailures = 0;
      reverseCfg = reverseSettings(r, r.share === true);
      lastSeq = 0;
      ackSent = 0;
      lastAckAt = -Infinity;
      clearAckTimer();
      noteSuccess();
      resubscribe();
    }

    function ensureSession() {
      return session ? Promise.resolve() : handshake();
    }

    /**
     * The server no longer knows `stale` (410 SESSION_UNKNOWN, or the stream said "ended"): fire
     * "expired" and handshake again, once however many requests found out at the same time.
     */
    function renewSession(stale) {
      if (hubMode) {
        hubEnded(stale);
        return Promise.resolve();
      }
      if (session && session !== stale) return Promise.resolve();
      if (!renewPromise) {
        renewPromise = (async () => {
          session = null;
          csrf = null;
          clearAckTimer();
          emit("expired");
          await handshake();
          pruneHandles();
          // The new session may even have another delivery mode: restart the transport loop.
          if (loop) {
            stats.reconnects++;
            runNewLoop();
          }
        })();
        const clear = () => { renewPromise = null; };
        renewPromise.then(clear, clear);
      }
      return renewPromise;
    }

    // Handles named to the old session died with it; keep only those a retried call still sends.
    function pruneHandles() {
      const keep = new Set();
      for (const call of unsettled) for (const id of call.handles) keep.add(id);
      for (const id of Array.from(handles.keys())) if (!keep.has(id)) handles.delete(id);
    }

    // ---------------------------------------------------------------- forward calls

    function encodeArgs(args, ids) {
      return args.map((arg) => {
        if (typeof arg !== "function") return arg;
        const id = "f" + (++handleCounter);
        handles.set(id, arg);
        ids.push(id);
        return { $fn: id };
      });
    }

    function makeCall(service, method, args, options) {
      const opts = isObject(options) ? options : {};
      warnUnsupported(opts);
      const batchOpts = currentBatch ? currentBatch.options : {};
      const call = {
        id: ++callCounter, service, method, args: null, json: null, handles: [], options: opts, batchOpts,
        settled: false, timer: null, request: null, promise: null, resolve: null, reject: null,
      };
      call.promise = new Promise((resolve, reject) => {
        call.resolve = resolve;
        call.reject = reject;
      });
      stats.calls++;
      if (typeof service !== "string" || typeof method !== "string" || !Array.isArray(args)) {
        call.settled = true;
        call.reject(new TypeError("duplex.call(service, method, args): service and method are strings, args an array"));
        return call.promise;
      }
      try {
        call.args = encodeArgs(args, call.handles);
        call.json = JSON.stringify({ id: call.id, service, method, args: call.args });
      } catch (e) {
        // A BigInt or a cycle: this call cannot be sent, the rest of its batch still can.
        for (const id of call.handles) handles.delete(id);
        call.settled = true;
        call.reject(e);
        return call.promise;
      }
      unsettled.add(call);
      const timeout = opts.timeout !== undefined ? opts.timeout
        : batchOpts.timeout !== undefined ? batchOpts.timeout : config.timeout;
      if (typeof timeout === "number" && timeout > 0) {
        call.timer = env.setTimeout(() => timeOut(call, timeout), timeout);
      }
      enqueue(call);
      return call.promise;
    }

    function succeed(call, value) {
      if (call.settled) return;
      call.settled = true;
      unsettled.delete(call);
      if (call.timer !== null) env.clearTimeout(call.timer);
      call.resolve(value);
      const cb = call.options.callback;
      if (typeof cb === "function") safely(cb, [value]);
    }

    function fail(call, error) {
      if (call.settled) return;
      call.settled = true;
      unsettled.delete(call);
      if (call.timer !== null) env.clearTimeout(call.timer);
      const own = call.options.errorHandler || call.batchOpts.errorHandler;
      const handled = typeof own === "function" || typeof config.errorHandler === "function";
      // Someone handles it: an ignored promise must not also log an unhandled rejection.
      if (handled) call.promise.catch(noop);
      call.reject(error);
      if (typeof own === "function") safely(own, [error.message, error]);
      if (typeof config.errorHandler === "function") safely(config.errorHandler, [error.message, error]);
      emit("error", error);
    }

    function timeOut(call, millis) {
      call.timer = null;
      fail(call, new DuplexError("TIMEOUT", call.service + "." + call.method + ": no response within " + millis + " ms"));
      const req = call.request;
      if (req && req.calls.every((c) => c.settled)) {
        if (req.controller) req.controller.abort();
        // On a socket: forget the frame; its result, if it ever comes, finds nothing waiting.
        if (req.forget) req.forget();
      }
    }

    function enqueue(call) {
      if (currentBatch) {
        currentBatch.calls.push(call);
      } else if (!config.autoBatch) {
        dispatch([call]);
      } else {
        queued.push(call);
        if (!flushScheduled) {
          flushScheduled = true;
          env.queueMicrotask(flush);
        }
      }
    }

    function flush() {
      flushScheduled = false;
      const calls = queued;
      queued = [];
      dispatch(calls);
    }

    function dispatch(calls) {
      const size = Math.max(1, config.maxBatchSize);
      for (let i = 0; i < calls.length; i += size) {
        sendBatch(calls.slice(i, i + size)).catch(report);
      }
    }

    function callsDriveStatus() {
      return !loop || !loop.transport;
    }

    async function sendBatch(calls) {
      const request = { calls, controller: null };
      for (const c of calls) c.request = request;
      let retried = false;
      for (;;) {
        const live = calls.filter((c) => !c.settled);
        if (live.length === 0) return;
        try {
          await ensureSession();
        } catch (e) {
          const err = toDuplexError(e);
          if (callsDriveStatus() && isRetryable(err)) noteFailure();
          for (const c of live) fail(c, err);
          return;
        }
        const used = session;
        try {
          await exchange(request, live.filter((c) => !c.settled));
          return;
        } catch (e) {
          const err = toDuplexError(e);
          if (err.code === "SESSION_UNKNOWN" && !retried) {
            retried = true;
            try {
              await renewSession(used);
              continue;
            } catch (e2) {
              const err2 = toDuplexError(e2);
              for (const c of calls) fail(c, err2);
              return;
            }
          }
          if (callsDriveStatus() && isRetryable(err)) noteFailure();
          for (const c of calls) fail(c, err);
          return;
        }
      }
    }

    function callHeaders(live) {
      const headers = {};
      for (const c of live) {
        mergeHeaders(headers, c.batchOpts.headers);
        mergeHeaders(headers, c.options.headers);
      }
      return headers;
    }

    async function exchange(request, live) {
      if (live.length === 0) return;
      const info = live.map((c) => ({ id: c.id, service: c.service, method: c.method, args: c.args }));
      const controller = env.AbortController ? new env.AbortController() : null;
      request.controller = controller;
      const body = '{"v":1,"session":' + JSON.stringify(session) + ',"csrf":' + JSON.stringify(csrf)
        + ',"ack":' + ackValue() + ',"calls":[' + live.map((c) => c.json).join(",") + "]}";
      if (typeof config.preHook === "function") safely(config.preHook, [info]);
      let json;
      const headers = callHeaders(live);
      try {
        // Calls with their own headers need HTTP: a WebSocket frame has none.
        if (socket && Object.keys(headers).length === 0) {
          json = await socketCall(socket, body, request);
        } else {
          const res = await post("/call", body, { headers, signal: controller && controller.signal });
          json = await expectJson(res);
        }
        if (!Array.isArray(json.results)) throw protocolError("Call response without results", 200);
      } finally {
        if (typeof config.postHook === "function") safely(config.postHook, [info]);
      }
      if (callsDriveStatus()) noteSuccess();
      // Reverse calls first: they were queued before these results were written.
      if (json.reverse !== undefined) deliverAndAck(json.reverse, false);
      const byId = new Map();
      for (const r of json.results) if (isObject(r)) byId.set(r.id, r);
      for (const c of live) {
        const r = byId.get(c.id);
        if (!r) fail(c, protocolError("No result for call " + c.id));
        else if (isObject(r.error) && typeof r.error.code === "string") fail(c, errorFromInfo(r.error));
        else if (r.error !== undefined) fail(c, protocolError("Malformed error for call " + c.id));
        else succeed(c, r.value);
      }
    }

    function call(service, method, args, options) {
      return makeCall(service, method, args === undefined ? [] : args, options);
    }

    function batch(fn, options) {
      if (typeof fn !== "function") throw new TypeError("duplex.batch(fn, options): fn must be a function");
      if (isObject(options)) warnUnsupported(options);
      const outer = currentBatch;
      const mine = { calls: [], options: Object.assign({}, outer && outer.options, isObject(options) ? options : {}) };
      currentBatch = mine;
      let thrown = null;
      let failed = false;
      try {
        fn();
      } catch (e) {
        failed = true;
        thrown = e;
      } finally {
        currentBatch = outer;
      }
      // Calls already made were promised to their callers: send them even if fn threw later.
      if (outer) outer.calls.push(...mine.calls);
      else dispatch(mine.calls);
      const settled = Promise.allSettled(mine.calls.map((c) => c.promise));
      return failed ? settled.then(() => { throw thrown; }) : settled;
    }

    /**
     * How many leading arguments a stub call sends; the one after them, if any, is its callback
     * (a function) or options (an object). `shape` lists the JavaScript arities of an overloaded
     * method and those whose last parameter takes a function handle (protocol section 5).
     */
    function sentCount(args, count, shape) {
      const n = args.length;
      if (n > count) return count;
      if (!shape || n === 0 || !shape.arities.has(n - 1)) return n;
      const last = args[n - 1];
      if (!shape.arities.has(n)) return typeof last === "function" || isObject(last) ? n - 1 : n;
      // Both f(a) and f(a, b) exist: a trailing function is f(a)'s callback, unless f(a, b) takes one.
      return typeof last === "function" && !shape.functionLast.has(n) ? n - 1 : n;
    }

    function stubCall(service, method, count, args, shape) {
      let opts;
      const sent = sentCount(args, count, shape);
      if (sent < args.length) {
        const extra = args[sent];
        args = args.slice(0, sent);
        if (typeof extra === "function") opts = { callback: extra };
        else if (isObject(extra)) opts = extra;
      }
      return makeCall(service, method, args, opts);
    }

    function overloadShape(info) {
      if (!isObject(info) || !Array.isArray(info.arities)) return null;
      return {
        arities: new Set(info.arities),
        functionLast: new Set(Array.isArray(info.functionLast) ? info.functionLast : []),
      };
    }

    function defineService(name, methods, base, overloads) {
      if (typeof name !== "string" || !name || BLOCKED_NAMES.has(name)) {
        throw new TypeError("duplex.service: bad service name " + name);
      }
      if (base !== undefined && base !== null && pathSource === null) setPath(base, "stub");
      const svc = {};
      for (const method of Object.keys(isObject(methods) ? methods : {})) {
        if (BLOCKED_NAMES.has(method)) continue;
        const params = methods[method];
        const count = Array.isArray(params) ? params.length : 0;
        const shape = isObject(overloads) && Object.prototype.hasOwnProperty.call(overloads, method)
          ? overloadShape(overloads[method]) : null;
        svc[method] = function () {
          return stubCall(name, method, count, Array.prototype.slice.call(arguments), shape);
        };
      }
      g[name] = svc;
      return svc;
    }

    // ---------------------------------------------------------------- reverse calls

    function reportReverse(error, entry) {
      const handler = config.reverseErrorHandler;
      if (typeof handler === "function") safely(handler, [error, entry]);
      const heard = emit("reverseError", { error, entry });
      if (typeof handler !== "function" && !heard) report(error);
    }

    /** The function a dotted name reaches, with the object holding it; null when it reaches none. */
    function lookup(name) {
      const direct = exposed.get(name);
      if (typeof direct === "function") return { fn: direct, self: undefined };
      const parts = name.split(".");
      let holder = g;
      for (let i = 0; i < parts.length; i++) {
        const key = parts[i];
        if (!key || BLOCKED_NAMES.has(key)) return null;
        let value;
        if (i === 0 && exposed.has(key)) {
          value = exposed.get(key);
        } else {
          if (holder === null || (typeof holder !== "object" && typeof holder !== "function")) return null;
          if (!(key in holder)) return null;
          value = holder[key];
        }
        if (i === parts.length - 1) {
          if (typeof value !== "function") return null;
          return { fn: value, self: i === 0 && exposed.has(key) ? undefined : holder };
        }
        holder = value;
      }
      return null;
    }

    /** An entry that asks (protocol 4.7): its function's outcome, or its Promise's, is the answer. */
    function runAsk(entry) {
      const asked = session;
      let result;
      try {
        result = callEntry(entry);
      } catch (e) {
        queueAnswer(asked, entry.answer, undefined, e);
        return;
      }
      Promise.resolve(result).then(
        (value) => queueAnswer(asked, entry.answer, value, undefined),
        (e) => queueAnswer(asked, entry.answer, undefined, e === undefined ? new Error("rejected") : e));
    }

    function callEntry(entry) {
      const args = Array.isArray(entry.args) ? entry.args : [];
      if (typeof entry.fn === "string") {
        const target = lookup(entry.fn);
        if (!target) throw new TypeError("Reverse call " + entry.seq + ": " + entry.fn + " is not a function of this page");
        return target.fn.apply(target.self, args);
      }
      if (typeof entry.handle === "string") {
        const fn = handles.get(entry.handle);
        if (!fn) throw new TypeError("Reverse call " + entry.seq + ": function handle " + entry.handle + " is unknown or released");
        return fn.apply(undefined, args);
      }
      throw protocolError("Reverse entry " + entry.seq + " has no fn or handle");
    }

    function messageOf(e) {
      const text = e !== null && typeof e === "object" && typeof e.message === "string" ? e.message : String(e);
      return text.length > MAX_ANSWER_MESSAGE ? text.slice(0, MAX_ANSWER_MESSAGE) : text;
    }

    function queueAnswer(asked, id, value, error) {
      if (!asked || asked !== session) return; // the server ended that page's asks with it
      let json;
      if (error === undefined) {
        try {
          json = JSON.stringify({ id, value: value === undefined ? null : value });
        } catch (e) {
          error = new TypeError("The answer is not JSON: " + messageOf(e));
        }
      }
      if (error !== undefined) json = JSON.stringify({ id, error: messageOf(error) });
      answersOut.push({ session: asked, id, json, refused: false });
      // Sent at once, with the answers that settle in the same turn, in an ack (every mode).
      if (answersTimer === null) answersTimer = env.setTimeout(flushAnswers, 0);
    }

    function flushAnswers() {
      answersTimer = null;
      clearAckTimer();
      sendAck();
    }

    /** The answers to send now: those of the current session. */
    function takeAnswers() {
      const taken = answersOut.filter((a) => a.session === session);
      answersOut = [];
      return taken;
    }

    /** Answers the server could not take (too large for its limits): answer those asks with the reason. */
    function answersRefused(sent, code) {
      for (const a of sent) {
        if (!a.refused) {
          answersOut.push({ session: a.session, id: a.id, refused: true,
            json: JSON.stringify({ id: a.id, error: "The server refused the answer (" + code + ")" }) });
        }
      }
      if (answersOut.length > 0 && answersTimer === null) answersTimer = env.setTimeout(flushAnswers, 0);
    }

    /** Answers whose request failed on the way: send them again a little later (repeats are ignored). */
    function answersFailed(sent) {
      answersOut = sent.concat(answersOut);
      if (answersTimer === null) answersTimer = env.setTimeout(flushAnswers, ANSWER_RETRY_MILLIS);
    }

    function runEntry(entry) {
      if (typeof entry.answer === "number" && typeof entry.release !== "string") {
        runAsk(entry);
        return;
      }
      try {
        let result;
        const args = Array.isArray(entry.args) ? entry.args : [];
        if (typeof entry.fn === "string") {
          const target = lookup(entry.fn);
          if (!target) throw new TypeError("Reverse call " + entry.seq + ": " + entry.fn + " is not a function of this page");
          result = target.fn.apply(target.self, args);
        } else if (typeof entry.handle === "string") {
          const fn = handles.get(entry.handle);
          if (!fn) throw new TypeError("Reverse call " + entry.seq + ": function handle " + entry.handle + " is unknown or released");
          result = fn.apply(undefined, args);
        } else if (typeof entry.release === "string") {
          handles.delete(entry.release);
          return;
        } else if (typeof entry.topic === "string") {
          runTopicEntry(entry);
          return;
        } else {
          throw protocolError("Reverse entry " + entry.seq + " has no fn, handle or release");
        }
        if (result && typeof result.then === "function") result.then(undefined, (e) => reportReverse(e, entry));
      } catch (e) {
        reportReverse(e, entry);
      }
    }

    /** A topic message: each of the topic's callbacks runs; one that throws does not stop the rest. */
    function runTopicEntry(entry) {
      const t = topics.get(entry.topic);
      // Unsubscribed here while the server still sent it: nobody listens any more.
      if (!t) return;
      for (const fn of Array.from(t.fns)) {
        try {
          const result = fn(entry.message, entry.topic);
          if (result && typeof result.then === "function") result.then(undefined, (e) => reportReverse(e, entry));
        } catch (e) {
          reportReverse(e, entry);
        }
      }
    }

    // ---------------------------------------------------------------- topics (protocol 4.8)

    /** An engine call about `topic`, after the earlier ones about it: they reach the server in order. */
    function topicCall(topic, method) {
      const previous = topicChains.get(topic) || Promise.resolve();
      const next = previous.then(() => makeCall(ENGINE_SERVICE, method, [topic], {}));
      const tail = next.then(noop, noop);
      topicChains.set(topic, tail);
      tail.then(() => { if (topicChains.get(topic) === tail) topicChains.delete(topic); });
      return next;
    }

    function askServer(topic, t) {
      t.session = null;
      t.ready = topicCall(topic, "subscribe").then(
        () => { t.session = session; },
        (e) => {
          // Refused (or not known to have worked): this page is not subscribed.
          if (topics.get(topic) === t) topics.delete(topic);
          throw e;
        });
      t.ready.catch(noop);
    }

    function subscribe(topic, fn) {
      if (typeof topic !== "string" || !topic) throw new TypeError("duplex.subscribe(topic, fn): topic must be a non-empty string");
      if (typeof fn !== "function") throw new TypeError("duplex.subscribe(topic, fn): fn must be a function");
      let t = topics.get(topic);
      if (!t) {
        t = { fns: new Set(), ready: null, session: null };
        topics.set(topic, t);
        askServer(topic, t);
      }
      t.fns.add(fn);
      const subscription = t.ready.then(() => undefined);
      subscription.topic = topic;
      subscription.unsubscribe = () => unsubscribe(topic, fn);
      return subscription;
    }

    function unsubscribe(topic, fn) {
      const t = topics.get(topic);
      if (!t) return Promise.resolve();
      if (fn === undefined) t.fns.clear();
      else t.fns.delete(fn);
      if (t.fns.size > 0) return Promise.resolve();
      topics.delete(topic);
      // Only a subscription the server took needs undoing; a refused one left nothing there.
      return t.ready.then(
        () => (t.session !== null && t.session === session ? topicCall(topic, "unsubscribe").then(noop) : undefined), noop);
    }

    /** A new session (after `expired`, or a restart) knows none of this page's topics: ask again. */
    function resubscribe() {
      for (const [topic, t] of topics) {
        if (t.session !== null && t.session !== session) askServer(topic, t);
      }
    }

    // Reverse calls wait until the document is parsed: a page's deferred scripts (which define or
    // expose the called functions) may still be downloading when an early start() has already
    // brought the first delivery. readyState alone cannot tell: it turns "interactive" before the
    // deferred scripts run, and the event loop keeps running fetch callbacks while one downloads.
    // So wait for DOMContentLoaded itself (or "complete", for an engine added later). Parked
    // objects run in order then; their entries stay unacknowledged until they run.
    const parked = [];
    let documentParsed = true;
    let documentWaiters = [];
    (function watchDocument() {
      const doc = g.document;
      if (!doc || doc.readyState === "complete" || typeof doc.addEventListener !== "function") return;
      documentParsed = false;
      const parsed = () => {
        if (documentParsed) return;
        documentParsed = true;
        for (const resolve of documentWaiters.splice(0)) resolve();
      };
      doc.addEventListener("DOMContentLoaded", parsed, { once: true });
      doc.addEventListener("readystatechange", () => {
        if (doc.readyState === "complete") parsed();
      });
    })();

    function documentLoading() {
      return !documentParsed;
    }

    function whenDocumentReady() {
      if (documentParsed) return Promise.resolve();
      return new Promise((resolve) => documentWaiters.push(resolve));
    }

    function park(obj) {
      if (parked.push(obj) === 1) {
        whenDocumentReady().then(() => {
          const objects = parked.splice(0);
          for (const o of objects) deliverAndAck(o, false);
        });
      }
    }

    /** Protocol 4.1 on one reverse object; false when a gap stopped it (the caller asks again). */
    function deliver(obj) {
      if (!isObject(obj)) return true;
      if (parked.length > 0 || documentLoading()) {
        park(obj);
        return true;
      }
      const rs = obj.resync;
      if (isObject(rs) && typeof rs.next === "number" && rs.next - 1 > lastSeq) {
        lastSeq = rs.next - 1;
        emit("resync", { dropped: rs.dropped });
      }
      if (!Array.isArray(obj.calls)) return true;
      for (const entry of obj.calls) {
        const seq = isObject(entry) ? entry.seq : undefined;
        if (typeof seq !== "number") {
          reportReverse(protocolError("Reverse entry without seq"), entry);
          continue;
        }
        if (seq <= lastSeq) continue;
        if (seq > lastSeq + 1) return false;
        lastSeq = seq;
        stats.reverseCalls++;
        runEntry(entry);
      }
      return true;
    }

    function deliverAndAck(obj, fromTransport) {
      if (hubMode) {
        // The connection's own page is a tab too: pass it on; that tab finds gaps and acknowledges.
        if (obj !== undefined) routeCarried({ s: session, reverse: obj });
        return true;
      }
      const complete = deliver(obj);
      // ackNow: the server holds a quarter of this page's queue limits unacknowledged (protocol 4).
      scheduleAck(isObject(obj) && obj.ackNow === true);
      if (!complete && !fromTransport) catchUp();
      return complete;
    }

    // A gap seen on a /call response: have the transport ask again at once. In piggyback mode the
    // next /call carries the ack and brings the missing entries.
    function catchUp() {
      const l = loop;
      if (!l || l.stopped || !l.transport) return;
      if (l.wake) {
        l.wake();
      } else if (l.controller) {
        l.restart = true;
        l.controller.abort();
      }
    }

    // Streaming and WebSocket only: other transports carry the ack on their next request anyway.
    function scheduleAck(now) {
      if (hubMode) return; // every tab acknowledges its own page
      const acksItself = transportName === "streaming" || transportName === "websocket" || following();
      if (!acksItself || !loop || !session || lastSeq <= ackSent) return;
      if (now && !ackPosting) {
        clearAckTimer();
        sendAck();
        return;
      }
      if (ackTimer !== null) return;
      const wait = Math.max(0, lastAckAt + reverseCfg.ackIntervalMillis - env.now());
      ackTimer = env.setTimeout(sendAck, wait);
    }

    function clearAckTimer() {
      if (ackTimer !== null) {
        env.clearTimeout(ackTimer);
        ackTimer = null;
      }
    }

    function sendAck() {
      ackTimer = null;
      if (!session || (lastSeq <= ackSent && answersOut.length === 0)) return;
      const sent = takeAnswers();
      const before = ackSent;
      const value = ackValue();
      lastAckAt = env.now();
      let body = JSON.stringify({ v: VERSION, session, csrf, ack: value });
      if (sent.length > 0) body = body.slice(0, -1) + ',"answers":[' + sent.map((a) => a.json).join(",") + "]}";
      const undo = () => { if (ackSent === value) ackSent = before; };
      if (socket) {
        const s = socket;
        let frame = '{"op":"ack",' + body.slice(1);
        if (sent.length > 0) {
          // Numbered, so that a refusal of these answers (a line with this n) finds them.
          const n = ++s.frames;
          frame = '{"n":' + n + "," + frame.slice(1);
          s.answerFrames.set(n, sent);
          if (s.answerFrames.size > 64) s.answerFrames.delete(s.answerFrames.keys().next().value);
        }
        try {
          s.ws.send(frame);
        } catch (e) {
          undo();
          if (sent.length > 0) answersFailed(sent);
        }
        return;
      }
      ackPosting = true;
      post("/ack", body, {}).then(async (res) => {
        ackPosting = false;
        if (res.ok) return;
        undo();
        if (sent.length === 0 || res.status === 410) return;
        if (res.status >= 400 && res.status < 500 && res.status !== 408) {
          const err = await errorOf(res).catch(() => ({ code: "HTTP_ERROR" }));
          answersRefused(sent, err.code);
        } else {
          answersFailed(sent);
        }
      }, () => {
        ackPosting = false;
        undo();
        if (sent.length > 0) answersFailed(sent);
      });
    }


    // ---------------------------------------------------------------- tabs sharing one held connection

    // The tabs of one site (origin and base path) share one held connection (protocol 4.4, "pages";
    // 4.6, join/leave). One party holds it for every tab's session and passes each tab its tagged
    // deliveries over a link; the tabs follow. Each tab keeps its own session, seq, acks (it posts /ack
    // itself), answers and resync. Two links, one protocol between holder and tabs (join, leave;
    // leader, transport, status, deliver, notice):
    // - "worker": where the browser has SharedWorker, the site's worker (this script, see the end of
    //   the file) holds the connection in hub mode and talks to each tab over its MessagePort. It
    //   makes the oldest joined tab's page the connection's own; when that tab goes, it opens again
    //   with the next tab's page as its own and every tab's ack, so nothing is lost or run twice. A
    //   worker that fails to start (404, CSP, error event, silence) sends the tab to the next link.
    // - "channel": the tab holding a Web Lock (the leader) holds the connection and posts deliveries
    //   on a BroadcastChannel; the others wait for the lock. When the leader closes or crashes the
    //   browser gives the lock to the next tab, which opens the connection with every tab's ack.
    // Each tab also holds a lock of its own while it lives: the holder (leader or worker) asks for it,
    // and gets it once that tab is gone without a word (crashed). The worker holds one too, which its
    // tabs ask for: a worker that died sends them to the channel link.

    const HELD_TRANSPORTS = new Set(["websocket", "streaming", "longpoll"]);
    const FOLLOWER_NAP_MILLIS = 60000;
    const WORKER_START_MILLIS = 10000; // a worker silent this long after connecting is taken as failed
    // The connection's states its holder passes on to the tabs (not idle: that is the leader's own page's).
    const LINK_STATUSES = new Set(["connecting", "online", "reconnecting", "offline", "busy"]);
    // The messages between a page and the site's worker. A worker still running an engine of another
    // version (started by a tab opened before a deployment) says another number: not used.
    const WORKER_LINK_VERSION = 1;

    function sharing() {
      return Boolean(reverseCfg && reverseCfg.share && HELD_TRANSPORTS.has(transportName) && env.locks
        && typeof env.locks.request === "function"
        && (typeof env.BroadcastChannel === "function" || workerUsable()));
    }

    /** A SharedWorker must come from this page's origin: only a same-origin base path gets one. */
    function workerUsable() {
      const p = basePath();
      return !workerFailed && typeof env.SharedWorker === "function" && (p === "" || (p[0] === "/" && p[1] !== "/"));
    }

    function following() {
      return Boolean(tabs && !tabs.leading);
    }

    function newTabId() {
      // randomUUID needs a secure context; getRandomValues does not.
      const c = root.crypto;
      if (c && typeof c.randomUUID === "function") return c.randomUUID();
      if (c && typeof c.getRandomValues === "function") {
        return Array.from(c.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join("-");
      }
      return Math.random().toString(36).slice(2) + env.now().toString(36);
    }

    function lockRequest(t, name, fn) {
      try {
        const held = env.locks.request(name, t.abort ? { signal: t.abort.signal } : {}, fn);
        // Rejected with AbortError when this tab leaves before it got the lock.
        if (held && typeof held.catch === "function") held.catch(noop);
      } catch (e) {
        report(e);
      }
    }

    function newLink(id, name, leading) {
      return {
        id, name, kind: null, leading, closed: false, announced: null, leaderTransport: null, leaderFallback: null,
        leaderStatus: null,
        followers: new Map(), // tab id -> { session, csrf, ack }: the pages the holder carries
        watched: new Set(),
        abort: env.AbortController ? new env.AbortController() : null,
        release: null, releaseTab: null, alive: null, send: null, shut: null, startTimer: null,
      };
    }

    function openTabs() {
      if (tabs) return tabs;
      const name = "duplex " + basePath();
      const t = newLink(newTabId(), name, false);
      tabs = t;
      if (!(workerUsable() && openWorkerLink(t))) {
        if (typeof env.BroadcastChannel !== "function") {
          // The worker could not be made and there is no channel: this tab holds its own connection.
          tabs = null;
          return null;
        }
        openChannelLink(t);
      }
      t.alive = new Promise((resolve) => {
        lockRequest(t, name + " tab " + t.id, () => new Promise((release) => {
          t.releaseTab = release;
          resolve();
          if (t.closed) release();
        }));
      });
      if (t.kind === "channel") {
        lockRequest(t, name, () => new Promise((release) => {
          t.release = release;
          if (t.closed) release();
          else lead(t);
        }));
      }
      return t;
    }

    function openChannelLink(t) {
      const channel = new env.BroadcastChannel(t.name);
      channel.onmessage = (event) => onTabMessage(t, event && event.data);
      t.kind = "channel";
      t.send = (msg) => channel.postMessage(msg);
      t.shut = () => channel.close();
    }

    /** Connects to the site's SharedWorker (this script, served at {base}/engine.js); false if it cannot be made. */
    function openWorkerLink(t) {
      let port;
      try {
        const worker = new env.SharedWorker(basePath() + "/engine.js", { name: t.name });
        port = worker.port;
        // A 404, a CSP refusal, a script error: the worker is gone, share another way.
        worker.onerror = () => workerGone(t);
      } catch (e) {
        workerFailed = true;
        return false;
      }
      let heard = false;
      port.onmessage = (event) => {
        const msg = event && event.data;
        if (!heard) {
          if (!isObject(msg) || msg.t !== "hello" || msg.v !== WORKER_LINK_VERSION) {
            workerGone(t);
            return;
          }
          heard = true;
          env.clearTimeout(t.startTimer);
          t.startTimer = null;
          // The worker holds this lock while it runs (it took it before saying hello): getting it
          // means the worker died (its process crashed, say), and with it the connection.
          lockRequest(t, t.name + " worker", () => workerGone(t));
        }
        onTabMessage(t, msg);
      };
      if (typeof port.start === "function") port.start();
      t.kind = "worker";
      t.send = (msg) => port.postMessage(msg);
      t.shut = () => port.close();
      t.startTimer = env.setTimeout(() => {
        if (!heard) workerGone(t);
      }, WORKER_START_MILLIS);
      leaderElsewhere(t);
      return true;
    }

    /**
     * A tab holds (or waits for) the leader lock only when its worker failed: join that leader rather
     * than wait for a worker that may fail here too (Chromium fires no second error event for a
     * worker script that failed to load under the same name; such a tab would wait for the timeout).
     */
    function leaderElsewhere(t) {
      if (typeof env.locks.query !== "function") return;
      let asked;
      try {
        asked = env.locks.query();
      } catch (e) {
        return;
      }
      Promise.resolve(asked).then((state) => {
        const named = (list) => Array.isArray(list) && list.some((l) => isObject(l) && l.name === t.name);
        if (isObject(state) && (named(state.held) || named(state.pending))) workerGone(t);
      }, noop);
    }

    /** The worker failed: this page shares through the Web Lock leader (or alone) from now on. */
    function workerGone(t) {
      if (tabs !== t) return;
      workerFailed = true;
      closeTabs();
      const l = loop;
      if (l && l.wake) l.wake();
    }

    function closeTabs() {
      const t = tabs;
      if (!t) return;
      tabs = null;
      t.closed = true;
      if (t.startTimer !== null) env.clearTimeout(t.startTimer);
      if (!t.leading && session) tell(t, { t: "leave", session });
      if (t.abort) t.abort.abort();
      if (t.release) t.release();
      if (t.releaseTab) t.releaseTab();
      try { t.shut(); } catch (ignored) { /* closed already */ }
    }

    /** Sends `msg` on the link; a worker sends it to tab `to` only, or to every tab when null. */
    function tell(t, msg, to) {
      msg.tab = t.id;
      try {
        t.send(msg, to === undefined ? null : to);
      } catch (e) {
        report(e);
      }
    }

    function lead(t) {
      t.leading = true;
      t.leaderTransport = null;
      t.leaderFallback = null;
      t.leaderStatus = null;
      tell(t, { t: "leader", transport: transportName, fallback: fellBack });
      tellStatus();
      const l = loop;
      if (l && l.wake) l.wake();
    }

    /** Tells the holder this tab's page and how far it ran; `gap`: send what follows again. */
    function announce(t, gap) {
      const s = session;
      const c = csrf;
      if (!s || t.leading || t.closed) return;
      t.alive.then(() => {
        if (tabs !== t || session !== s || t.leading) return;
        const msg = { t: "join", session: s, csrf: c, ack: lastSeq, gap };
        if (t.kind === "worker") {
          // The worker has no page of its own: what it needs to hold the connection as this page would.
          Object.assign(msg, {
            path: basePath(), headers: config.headers, conn: reverseCounter,
            reverse: Object.assign({ mode, transport: transportName }, reverseCfg),
          });
        }
        tell(t, msg);
      });
    }

    function onTabMessage(t, msg) {
      if (tabs !== t || !isObject(msg) || typeof msg.tab !== "string") return;
      if (t.leading) {
        if (msg.t === "join" && typeof msg.session === "string") joinTab(t, msg);
        else if (msg.t === "leave") dropTab(t, msg.tab);
        return;
      }
      if (msg.t === "status") {
        // The shared connection's state is this page's: its calls arrive by it.
        if (LINK_STATUSES.has(msg.status)) {
          t.leaderStatus = msg.status;
          setStatus(msg.status, true);
        }
        return;
      }
      if (msg.t === "leader" || msg.t === "transport") {
        // What this page's calls arrive by is what the leader's connection is.
        const before = t.leaderTransport;
        if (typeof msg.transport === "string") t.leaderTransport = msg.transport;
        t.leaderFallback = typeof msg.fallback === "string" ? msg.fallback : null;
        if (msg.t === "leader") announce(t, false);
        if (t.leaderTransport !== before && t.leaderTransport !== transportName) {
          emit("status", status, { transport: t.leaderTransport, fallback: t.leaderFallback });
        }
        return;
      }
      if (!session || msg.s !== session) return;
      if (msg.t === "deliver") {
        if (!deliverAndAck(msg.reverse, true)) announce(t, true);
      } else if (msg.t === "notice") {
        // The server ended or refused this page's session: a new one, announced by the new loop.
        renewSession(session).catch(() => { if (loop) runNewLoop(); });
      }
    }

    function joinTab(t, msg) {
      t.followers.set(msg.tab, { session: msg.session, csrf: msg.csrf, ack: finiteOr(msg.ack, 0) });
      tellTransport();
      tellStatus();
      if (!t.watched.has(msg.tab)) {
        t.watched.add(msg.tab);
        lockRequest(t, t.name + " tab " + msg.tab, () => {
          t.watched.delete(msg.tab);
          if (tabs === t) dropTab(t, msg.tab);
        });
      }
      carry(msg.gap ? msg.session : null);
    }

    function tellTransport() {
      if (tabs && tabs.leading && transportName) {
        tell(tabs, { t: "transport", transport: transportName, fallback: fellBack });
      }
    }

    /** Tells every tab the state of the connection this page (or the worker) holds for them. */
    function tellStatus() {
      if (tabs && tabs.leading && LINK_STATUSES.has(status)) tell(tabs, { t: "status", status });
    }

    function dropTab(t, tab) {
      if (hubMode && t.ports.has(tab)) {
        try { t.ports.get(tab).close(); } catch (ignored) { /* closed already */ }
        t.ports.delete(tab);
      }
      const f = t.followers.get(tab);
      if (!f) return;
      t.followers.delete(tab);
      if (hubMode) {
        if (f.session === session) {
          hubReopen();
          return;
        }
      }
      carry(null);
    }

    /** What the holder's next connection carries besides its own page. */
    function carriedPages() {
      if (!tabs || !tabs.leading) return [];
      const bySession = new Map();
      for (const f of tabs.followers.values()) {
        if (f.session !== session) bySession.set(f.session, { session: f.session, csrf: f.csrf, ack: f.ack });
      }
      return Array.from(bySession.values());
    }

    function carrying(ws, pages) {
      return tabs && tabs.leading ? { ws, sessions: new Set(pages.map((p) => p.session)) } : null;
    }

    /**
     * The followers changed: a socket joins and leaves pages as they come and go; an HTTP request
     * lists its pages once, so a newer one replaces it when a page is missing (or must start again).
     * `again` is a page to start again from its ack (it saw a gap); the connection's own page (in
     * the worker) needs a new connection for that.
     */
    function carry(again) {
      const l = loop;
      const c = l && l.carrier;
      if (!tabs || !tabs.leading || !c) return;
      if (again !== null && again === session) {
        if (c.ws && l.closeSocket) l.closeSocket();
        else replaceRequest(l, c);
        return;
      }
      const wanted = new Map();
      for (const p of carriedPages()) wanted.set(p.session, p);
      if (c.ws) {
        for (const p of wanted.values()) {
          if (c.sessions.has(p.session) && p.session !== again) continue;
          c.sessions.add(p.session);
          sendFrame(c.ws, { v: VERSION, op: "join", session: p.session, csrf: p.csrf, ack: p.ack });
        }
        for (const gone of Array.from(c.sessions)) {
          if (wanted.has(gone)) continue;
          c.sessions.delete(gone);
          sendFrame(c.ws, { v: VERSION, op: "leave", session: gone });
        }
        return;
      }
      let missing = again !== null && wanted.has(again);
      for (const id of wanted.keys()) if (!c.sessions.has(id)) missing = true;
      if (missing) replaceRequest(l, c);
    }

    function replaceRequest(l, c) {
      if (c.replacing) return;
      c.replacing = true;
      // Coalesced: tabs opening together bring one new request, not one each.
      env.setTimeout(() => {
        if (l.carrier === c && !l.stopped && l.controller) {
          l.restart = true;
          l.controller.abort();
        }
      }, 0);
    }

    function sendFrame(ws, frame) {
      try {
        ws.send(JSON.stringify(frame));
      } catch (ignored) {
        // the socket is closing; the next one carries the pages from their acks
      }
    }

    /** The highest seq a reverse object covers. */
    function covered(obj) {
      let n = 0;
      if (!isObject(obj)) return n;
      if (Array.isArray(obj.calls)) {
        for (const e of obj.calls) if (isObject(e) && typeof e.seq === "number") n = Math.max(n, e.seq);
      }
      if (isObject(obj.resync) && typeof obj.resync.next === "number") n = Math.max(n, obj.resync.next - 1);
      return n;
    }

    /** A line (or long-poll member) tagged with a carried page's session: passed on to its tab. */
    function routeCarried(msg) {
      const t = tabs;
      if (!t || !t.leading) return;
      let tab = null;
      for (const [id, f] of t.followers) if (f.session === msg.s) tab = id;
      if (tab === null) return;
      const f = t.followers.get(tab);
      if (msg.reverse !== undefined) {
        // Passed on: the next connection starts that page after it (its tab acknowledges by itself).
        f.ack = Math.max(f.ack, covered(msg.reverse));
        tell(t, { t: "deliver", s: msg.s, reverse: msg.reverse }, tab);
      } else if (msg.close !== undefined || msg.error !== undefined) {
        t.followers.delete(tab);
        const c = loop && loop.carrier;
        if (c) c.sessions.delete(msg.s);
        tell(t, { t: "notice", s: msg.s, close: msg.close, error: msg.error }, tab);
      }
    }

    function routePages(body) {
      if (!Array.isArray(body.pages)) return;
      for (const m of body.pages) if (isObject(m) && typeof m.s === "string") routeCarried(m);
    }

    // ---------------------------------------------------------------- the site's SharedWorker (hub mode)

    // The worker runs this engine with no page: the oldest joined tab's page is the connection's own
    // (session, csrf, ack), the others are carried; every delivery goes to its tab's port. Transports,
    // fallback, backoff and the carrying are the engine's own code above and below.

    if (hubMode) {
      // Named "duplex " + base by the pages that start it.
      tabs = newLink("worker", typeof g.name === "string" ? g.name : "duplex", true);
      tabs.kind = "hub";
      tabs.ports = new Map(); // tab id -> MessagePort
      tabs.send = (msg, to) => {
        const ports = to === null ? Array.from(tabs.ports.values()) : [tabs.ports.get(to)];
        for (const p of ports) {
          if (!p) continue;
          try { p.postMessage(msg); } catch (e) { /* that tab is gone; its lock says so */ }
        }
      };
      // Held until the worker ends: the tabs wait for it to learn that it did.
      tabs.alive = !env.locks ? Promise.resolve() : new Promise((resolve) => {
        lockRequest(tabs, tabs.name + " worker", () => new Promise(() => resolve()));
      });
    }

    /** A tab connected to the worker. */
    function hubConnect(port) {
      // Hello first, once the worker holds its lock; the tab's messages wait in the port till then.
      tabs.alive.then(() => {
        try { port.postMessage({ t: "hello", tab: "worker", v: WORKER_LINK_VERSION }); } catch (e) { /* gone already */ }
        port.onmessage = (event) => onHubMessage(port, event && event.data);
        if (typeof port.start === "function") port.start();
      });
    }

    function onHubMessage(port, msg) {
      const t = tabs;
      if (!isObject(msg) || typeof msg.tab !== "string") return;
      if (msg.t === "join" && typeof msg.session === "string" && isObject(msg.reverse)) {
        t.ports.set(msg.tab, port);
        if (typeof msg.path === "string") {
          setPath(msg.path, "config");
          t.name = "duplex " + basePath();
        }
        if (typeof msg.conn === "number" && msg.conn > reverseCounter) reverseCounter = msg.conn;
        hubConfigure(msg.reverse);
        const owner = t.followers.get(msg.tab);
        const wasOwner = Boolean(owner && owner.session === session);
        joinTab(t, msg);
        t.followers.get(msg.tab).headers = isObject(msg.headers) ? msg.headers : null;
        // The first tab, or the owning tab back with a new page: (re)open with it as the owner.
        if (!session || (wasOwner && msg.session !== session)) hubReopen();
      } else if (msg.t === "leave") {
        dropTab(t, msg.tab);
      }
    }

    /** The reverse settings of a handshake's `reverse` object, with the engine's defaults. */
    function reverseSettings(r, share) {
      return {
        maxHoldMillis: finiteOr(r.maxHoldMillis, 30000),
        heartbeatMillis: finiteOr(r.heartbeatMillis, 15000),
        pollIntervalMillis: finiteOr(r.pollIntervalMillis, 2000),
        ackIntervalMillis: finiteOr(r.ackIntervalMillis, 5000),
        share,
      };
    }

    /** The delivery mode of the tabs' handshakes; a websocket that fell back stays fallen back. */
    function hubConfigure(r) {
      if (reverseCfg && mode === r.mode) return;
      mode = r.mode;
      transportName = r.transport === "websocket" && !env.WebSocket ? "streaming" : String(r.transport);
      fellBack = r.mode === "websocket" && transportName !== "websocket"
        ? (typeof r.fallback === "string" && r.fallback ? r.fallback : "this browser has no WebSocket") : null;
      socketFailures = 0;
      // The hub exists only to share: the tabs asked for it because their handshake said share.
      reverseCfg = reverseSettings(r, true);
    }

    /** The ack of the connection's own page: what was passed on to its tab. */
    function ownerAck() {
      for (const f of tabs.followers.values()) if (f.session === session) return f.ack;
      return 0;
    }

    /** A new connection whose own page is the oldest tab's, carrying the rest; none when no tab is left. */
    function hubReopen() {
      if (loop) haltLoop(loop);
      const first = tabs.followers.values().next().value;
      session = first ? first.session : null;
      csrf = first ? first.csrf : null;
      // The owning page's headers option (an auth token, say) goes on the connection's requests.
      config.headers = first ? first.headers || null : null;
      if (first) runNewLoop();
    }

    /** The server ended (or refused) page `stale`: its tab starts a new page; another owns the connection. */
    function hubEnded(stale) {
      routeCarried({ s: stale, close: "ended" });
      if (session === stale) hubReopen();
    }

    // ---------------------------------------------------------------- the start() loop and transports

    function newLoop() {
      return {
        stopped: false, transport: false, controller: null, wake: null, restart: false, watchdog: null, timedOut: false,
        closeSocket: null, carrier: null,
      };
    }

    function runNewLoop() {
      if (loop) haltLoop(loop);
      const l = newLoop();
      loop = l;
      runLoop(l).catch(report);
    }

    function haltLoop(l) {
      l.stopped = true;
      unwatch(l);
      if (l.controller) l.controller.abort();
      if (l.closeSocket) l.closeSocket();
      if (l.wake) l.wake();
      if (loop === l) loop = null;
    }

    function sleep(l, ms) {
      return new Promise((resolve) => {
        let timer = null;
        const done = () => {
          env.clearTimeout(timer);
          if (l.wake === done) l.wake = null;
          resolve();
        };
        l.wake = done;
        timer = env.setTimeout(done, ms);
      });
    }

    function watch(l, ms) {
      unwatch(l);
      if (ms > 0 && l.controller) {
        const controller = l.controller;
        l.watchdog = env.setTimeout(() => {
          l.watchdog = null;
          l.timedOut = true;
          controller.abort();
        }, ms);
      }
    }

    function unwatch(l) {
      if (l.watchdog !== null) {
        env.clearTimeout(l.watchdog);
        l.watchdog = null;
      }
    }

    async function runLoop(l) {
      while (!l.stopped) {
        let used = null;
        try {
          if (!session) {
            if (hubMode) {
              // No tab left to carry: the worker holds nothing until one joins.
              haltLoop(l);
              return;
            }
            await handshake();
          }
          if (l.stopped) return;
          used = session;
          if (startDeferred) {
            startDeferred.resolve();
            startDeferred = null;
          }
          if (transportName === "piggyback") return; // the loop stays registered, idle
          if (documentLoading()) await whenDocumentReady();
          if (l.stopped) return;
          if (hubMode) {
            // the worker holds the connection for the tabs joined to it
          } else if (sharing()) {
            const t = openTabs();
            if (t && !t.leading) {
              // Another tab holds the connection and passes this page its calls.
              if (t.announced !== session) {
                t.announced = session;
                announce(t, false);
              }
              await sleep(l, FOLLOWER_NAP_MILLIS);
              continue;
            }
          } else if (tabs) {
            closeTabs();
          }
          l.transport = true;
          const next = transportName === "websocket" ? await socketOnce(l)
            : transportName === "streaming" ? await streamOnce(l) : await pollOnce(l);
          l.controller = null;
          if (l.stopped) return;
          if (next === "replaced" && hubMode) {
            // The owning page is held elsewhere: that tab starts a new page, the others go on here.
            hubEnded(used);
            return;
          }
          if (next === "replaced") {
            // Another request of this session took over: leave it the connection.
            haltLoop(l);
            return;
          }
          if (next === "ended") {
            await renewSession(used);
            return;
          }
          if (next === "gap") stats.reconnects++;
          if (next === "interval") await sleep(l, reverseCfg.pollIntervalMillis);
        } catch (e) {
          // A bad line or body leaves the response open: let it go before anything else.
          const open = l.controller;
          l.controller = null;
          unwatch(l);
          if (open) open.abort();
          if (l.stopped) return;
          if (l.restart) {
            l.restart = false;
            l.timedOut = false;
            stats.reconnects++;
            continue;
          }
          let err = toDuplexError(e);
          if (l.timedOut) {
            l.timedOut = false;
            err = new DuplexError("TIMEOUT", "The reverse connection went silent");
          }
          if (transportName === "websocket" && e && e.socketFailed) {
            // A proxy refusing the upgrade, or a socket that keeps dying: stream instead (4.6).
            socketFailures++;
            if (socketFailures >= SOCKET_FAILURES_BEFORE_FALLBACK) {
              transportName = "streaming";
              fellBack = "the WebSocket failed " + socketFailures + " times: " + err.message;
              emit("status", status, { transport: "streaming", fallback: fellBack });
              tellTransport();
              stats.reconnects++;
              continue;
            }
          }
          if (used && (err.code === "SESSION_UNKNOWN")) {
            try {
              await renewSession(used);
              if (l.stopped) return;
              continue;
            } catch (e2) {
              err = toDuplexError(e2);
            }
          }
          if (startDeferred && !session && !isRetryable(err)) {
            // The first handshake was refused for good (wrong path, origin rejected...).
            haltLoop(l);
            setStatus("offline");
            emit("error", err);
            startDeferred.reject(err);
            startDeferred = null;
            startPromise = null;
            return;
          }
          let delay;
          if (err.code === "SERVER_BUSY") {
            // Too many pages open on the server: come back after its Retry-After, plus jitter so
            // refused pages do not return together.
            failures++;
            setStatus("busy");
            delay = (err.retryAfter || 0) + backoffDelay();
          } else {
            noteFailure();
            delay = backoffDelay();
          }
          emit("error", err);
          await sleep(l, delay);
          if (l.stopped) return;
          stats.reconnects++;
          if (used && (err.code === "CSRF_REJECTED" || err.code === "SESSION_MISMATCH")) {
            // The HTTP session changed under the page (login, logout): a new handshake fixes it.
            try {
              await renewSession(used);
            } catch (ignored) {
              // the next round retries the handshake
            }
          }
        }
      }
    }

    function openReverse(l, guardMillis) {
      const controller = env.AbortController ? new env.AbortController() : null;
      l.controller = controller;
      l.timedOut = false;
      const request = { v: VERSION, session, csrf, ack: ackValue(), conn: ++reverseCounter };
      const pages = carriedPages();
      if (pages.length > 0) request.pages = pages;
      l.carrier = carrying(null, pages);
      const body = JSON.stringify(request);
      watch(l, guardMillis);
      return post("/reverse", body, { signal: controller && controller.signal });
    }

    async function pollOnce(l) {
      const res = await openReverse(l, reverseCfg.maxHoldMillis + Math.max(reverseCfg.heartbeatMillis, 10000));
      let body;
      try {
        body = await expectJson(res);
      } finally {
        unwatch(l);
      }
      if (l.stopped) return "stopped";
      noteSuccess();
      const advised = takeAdvice(body);
      routePages(body);
      if (!deliverAndAck(body.reverse, true)) return "gap";
      return transportName === "polling" || advised ? "interval" : "now";
    }

    /**
     * A comet answer with "advice": "poll": the server did not hold the request because other pages
     * of this browser hold enough. Poll every pollIntervalMillis; each poll is a new try, and the
     * first one the server holds again puts the page back on its configured transport.
     */
    function takeAdvice(body) {
      advisedPoll = transportName !== "polling" && body.advice === "poll";
      return advisedPoll;
    }

    function socketUrl() {
      const loc = g.location;
      const url = new URL(basePath() + "/ws", loc && loc.href ? loc.href : "http://localhost/");
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      return url.href;
    }

    /**
     * Sends a call frame on the open socket; resolves with its answer line (protocol 4.6). Once
     * every call of the frame timed out, request.forget() drops it and rejects with TIMEOUT.
     */
    function socketCall(s, body, request) {
      const n = ++s.frames;
      return new Promise((resolve, reject) => {
        s.pending.set(n, { resolve, reject });
        request.forget = () => {
          if (s.pending.delete(n)) reject(new DuplexError("TIMEOUT", "Every call of WebSocket frame " + n + " timed out"));
        };
        try {
          s.ws.send('{"n":' + n + ',"op":"call",' + body.slice(1));
        } catch (e) {
          s.pending.delete(n);
          reject(new DuplexError("NETWORK", "WebSocket send failed: " + ((e && e.message) || e)));
        }
      }).then((answer) => {
        if (isObject(answer.error)) {
          if (typeof answer.error.code === "string") throw errorFromInfo(answer.error);
          throw protocolError("Malformed error on the WebSocket");
        }
        return answer;
      });
    }

    /**
     * One WebSocket (protocol 4.6): opened with the page's ack, it delivers reverse calls and carries
     * calls and acks until it closes. Resolves like streamOnce ("now", "gap", "replaced", "ended",
     * "interval"); rejects on a failure, marked socketFailed when it came before the socket opened or
     * soon after (what makes the page fall back to streaming).
     */
    function socketOnce(l) {
      const cfg = reverseCfg;
      const silence = cfg.heartbeatMillis > 0 ? cfg.heartbeatMillis * 2 + 1000 : 60000;
      return new Promise((resolve, reject) => {
        let ws;
        try {
          ws = new env.WebSocket(socketUrl());
        } catch (e) {
          const err = new DuplexError("NETWORK", "WebSocket could not be created: " + ((e && e.message) || e));
          err.socketFailed = true;
          reject(err);
          return;
        }
        const s = { ws, pending: new Map(), answerFrames: new Map(), frames: 0, openedAt: -1 };
        let done = false;
        let timer = null;
        const finish = (outcome, err) => {
          if (done) return;
          done = true;
          env.clearTimeout(timer);
          if (socket === s) socket = null;
          if (l.closeSocket === stop) l.closeSocket = null;
          if (l.carrier && l.carrier.ws === ws) l.carrier = null;
          for (const p of s.pending.values()) {
            p.reject(new DuplexError("NETWORK", "The WebSocket closed before the answer came"));
          }
          s.pending.clear();
          // Answers sent on this socket may not have arrived: send them again (repeats are ignored).
          for (const sent of s.answerFrames.values()) answersFailed(sent);
          s.answerFrames.clear();
          try { ws.close(); } catch (ignored) { /* already closing */ }
          if (err) {
            // Opened and lasted: a network blip, not a socket that cannot work here.
            const lasted = s.openedAt >= 0 && env.now() - s.openedAt >= SOCKET_LASTS_MILLIS;
            if (!lasted && err.code !== "SESSION_UNKNOWN") err.socketFailed = true;
            if (lasted) socketFailures = 0;
            reject(err);
          } else {
            // Opened and closed by the server (replaced, ended, its stop): it worked, so a failed
            // upgrade after it starts a new run rather than extending an old one.
            if (s.openedAt >= 0) socketFailures = 0;
            resolve(outcome);
          }
        };
        const stop = () => finish("stopped");
        l.closeSocket = stop;
        const arm = () => {
          env.clearTimeout(timer);
          timer = env.setTimeout(() => {
            finish(null, new DuplexError("TIMEOUT", "The WebSocket went silent"));
          }, silence);
        };
        arm();
        ws.onopen = () => {
          if (done) return;
          arm();
          const open = { v: VERSION, op: "open", session, csrf, ack: ackValue(), conn: ++reverseCounter };
          const pages = carriedPages();
          if (pages.length > 0) open.pages = pages;
          ws.send(JSON.stringify(open));
          l.carrier = carrying(ws, pages);
        };
        ws.onmessage = (event) => {
          if (done) return;
          arm();
          for (const raw of String(event.data).split("\n")) {
            const line = raw.trim();
            if (!line) continue;
            let msg;
            try {
              msg = JSON.parse(line);
            } catch (e) {
              finish(null, protocolError("Unreadable WebSocket line"));
              return;
            }
            if (!isObject(msg)) {
              finish(null, protocolError("WebSocket line is not an object"));
              return;
            }
            if (typeof msg.s === "string") {
              routeCarried(msg);
              continue;
            }
            if (typeof msg.n === "number" && msg.n > 0) {
              const p = s.pending.get(msg.n);
              if (p) {
                s.pending.delete(msg.n);
                p.resolve(msg);
              } else if (s.answerFrames.has(msg.n) && isObject(msg.error)) {
                // An ack frame's answers were refused (too large): answer those asks with why.
                const sent = s.answerFrames.get(msg.n);
                s.answerFrames.delete(msg.n);
                answersRefused(sent, String(msg.error.code));
              }
              continue;
            }
            if (isObject(msg.error)) {
              // The open frame was refused (session unknown, token, ...): HTTP rules apply.
              finish(null, typeof msg.error.code === "string" ? errorFromInfo(msg.error) : protocolError("Malformed error"));
              return;
            }
            if (msg.open) {
              s.openedAt = env.now();
              socket = s;
              advisedPoll = false;
              noteSuccess();
              if (l.stopped) {
                finish("stopped");
                return;
              }
              scheduleAck();
              continue;
            }
            if (msg.reverse !== undefined) {
              if (msg.advice === "poll") {
                advisedPoll = true;
                deliverAndAck(msg.reverse, true);
                finish("interval");
                return;
              }
              if (!deliverAndAck(msg.reverse, true)) {
                finish("gap");
                return;
              }
            }
            if (typeof msg.close === "string") {
              finish(msg.close === "replaced" || msg.close === "ended" ? msg.close : "now");
              return;
            }
          }
        };
        ws.onclose = (event) => {
          finish(null, new DuplexError("NETWORK", "The WebSocket closed (" + (event && event.code) + ")"));
        };
        ws.onerror = () => { /* onclose follows with the code */ };
      });
    }

    function streamBroke(e) {
      return new DuplexError("NETWORK", "Reverse stream broke off: " + ((e && e.message) || e));
    }

    async function streamOnce(l) {
      const cfg = reverseCfg;
      const silence = cfg.heartbeatMillis > 0 ? cfg.heartbeatMillis * 2 + 1000 : cfg.maxHoldMillis + 10000;
      const res = await openReverse(l, silence);
      try {
        if (!res.ok) throw await errorOf(res);
        if (!/ndjson/i.test(header(res, "content-type"))) {
          // Answered like a long poll (one JSON object): take it and post again.
          const body = await expectJson(res);
          noteSuccess();
          const advised = takeAdvice(body);
          routePages(body);
          if (!deliverAndAck(body.reverse, true)) return "gap";
          return advised ? "interval" : "now";
        }
        const onLine = (raw) => {
          const line = raw.trim();
          if (!line) return null;
          let msg;
          try {
            msg = JSON.parse(line);
          } catch (e) {
            throw protocolError("Unreadable stream line");
          }
          if (!isObject(msg)) throw protocolError("Stream line is not an object");
          if (typeof msg.s === "string") {
            routeCarried(msg);
            return l.stopped ? "stopped" : null;
          }
          if (msg.open) {
            advisedPoll = false;
            noteSuccess();
          }
          if (msg.reverse !== undefined && !deliverAndAck(msg.reverse, true)) return "gap";
          if (typeof msg.close === "string") {
            return msg.close === "replaced" || msg.close === "ended" ? msg.close : "now";
          }
          return l.stopped ? "stopped" : null;
        };
        const stream = res.body;
        if (!stream || typeof stream.getReader !== "function") {
          // No streaming body support: the whole response arrives when the server ends it.
          let text;
          try {
            text = await res.text();
          } catch (e) {
            throw l.stopped || l.timedOut ? e : streamBroke(e);
          }
          for (const line of text.split("\n")) {
            const outcome = onLine(line);
            if (outcome) return outcome;
          }
          throw new DuplexError("NETWORK", "Reverse stream ended without a close line");
        }
        const reader = stream.getReader();
        const decoder = env.TextDecoder ? new env.TextDecoder() : null;
        let buf = "";
        const finish = (outcome) => {
          // Done with this response: let the connection go before the next one opens.
          try { Promise.resolve(reader.cancel()).catch(noop); } catch (ignored) { /* already closed */ }
          if (l.controller) l.controller.abort();
          return outcome;
        };
        for (;;) {
          let chunk;
          try {
            chunk = await reader.read();
          } catch (e) {
            // The connection broke off mid-body ("terminated", "network error"): as for a long poll.
            throw l.stopped || l.timedOut ? e : streamBroke(e);
          }
          if (l.stopped) return finish("stopped");
          if (chunk.done) break;
          watch(l, silence);
          buf += typeof chunk.value === "string" ? chunk.value : decoder.decode(chunk.value, { stream: true });
          let nl;
          while ((nl = buf.indexOf("\n")) >= 0) {
            const outcome = onLine(buf.slice(0, nl));
            buf = buf.slice(nl + 1);
            if (outcome) return finish(outcome);
          }
        }
        if (decoder) buf += decoder.decode();
        const last = onLine(buf);
        if (last) return finish(last);
        throw new DuplexError("NETWORK", "Reverse stream ended without a close line");
      } finally {
        unwatch(l);
      }
    }

    function start() {
      startRequested = true;
      if (startPromise) return startPromise;
      startPromise = new Promise((resolve, reject) => {
        startDeferred = { resolve, reject };
      });
      runNewLoop();
      return startPromise;
    }

    function sendUnload() {
      if (!session) return;
      const url = basePath() + "/unload";
      const json = JSON.stringify({ v: VERSION, session, csrf });
      session = null;
      csrf = null;
      clearAckTimer();
      stats.requests++;
      let sent = false;
      const nav = g.navigator;
      if (nav && typeof nav.sendBeacon === "function" && env.Blob) {
        try {
          sent = nav.sendBeacon(url, new env.Blob([json], { type: JSON_TYPE }));
        } catch (e) {
          sent = false;
        }
      }
      if (!sent && env.fetch) {
        try {
          Promise.resolve(env.fetch(url, {
            method: "POST", credentials: "same-origin", keepalive: true,
            headers: Object.assign(mergeHeaders({}, config.headers), { "Content-Type": JSON_TYPE }), body: json,
          })).catch(noop);
        } catch (e) {
          // the page is going away; nothing else to try
        }
      }
    }

    function stop() {
      startRequested = true;
      if (loop) haltLoop(loop);
      if (startDeferred) {
        startDeferred.resolve();
        startDeferred = null;
      }
      startPromise = null;
      closeTabs();
      sendUnload();
      setStatus("idle");
    }

    // ---------------------------------------------------------------- browser events

    if (typeof g.addEventListener === "function" && hubMode) {
      g.addEventListener("online", () => {
        if (loop && loop.wake) loop.wake();
      });
    } else if (typeof g.addEventListener === "function") {
      const onLeave = () => {
        restartAfterPageShow = startPromise !== null;
        stop();
      };
      // beforeunload can still be cancelled by the page; pagehide cannot, so it is preferred.
      g.addEventListener("onpagehide" in g ? "pagehide" : "beforeunload", onLeave);
      g.addEventListener("pageshow", (event) => {
        // Restored from the back/forward cache: the old session was ended on the way out.
        if (event && event.persisted && restartAfterPageShow) {
          restartAfterPageShow = false;
          start().catch(noop);
        }
      });
      g.addEventListener("online", () => {
        if (loop && loop.wake) loop.wake();
      });
      g.addEventListener("offline", () => {
        if (loop) setStatus("offline");
      });
    }

    // ---------------------------------------------------------------- public object

    function configure(opts) {
      if (!isObject(opts)) return api;
      for (const key of Object.keys(opts)) {
        if (!CONFIG_KEYS.has(key)) throw new TypeError("duplex.configure: unknown option " + key);
      }
      for (const key of Object.keys(opts)) {
        const v = opts[key];
        if (key === "path") {
          if (v === null || v === undefined) {
            config.path = null;
            pathSource = null;
          } else {
            setPath(v, "config");
          }
        } else if (key === "timeout" || key === "maxBatchSize") {
          if (typeof v !== "number" || !(v >= (key === "timeout" ? 0 : 1))) {
            throw new TypeError("duplex.configure: " + key + " must be a number" + (key === "timeout" ? " >= 0" : " >= 1"));
          }
          config[key] = v;
        } else if (key === "autoBatch" || key === "autoStart") {
          config[key] = Boolean(v);
        } else if (key === "headers") {
          if (v !== null && v !== undefined && !isObject(v)) throw new TypeError("duplex.configure: headers must be an object");
          config.headers = v || null;
        } else {
          if (v !== null && v !== undefined && typeof v !== "function") {
            throw new TypeError("duplex.configure: " + key + " must be a function");
          }
          config[key] = v || null;
        }
      }
      return api;
    }

    function expose(name, fn) {
      if (typeof name !== "string" || !name) throw new TypeError("duplex.expose(name, fn): name must be a string");
      if (fn === null || fn === undefined) exposed.delete(name);
      else if (typeof fn === "function" || isObject(fn)) exposed.set(name, fn);
      else throw new TypeError("duplex.expose(name, fn): fn must be a function or an object of functions");
      return api;
    }

    function on(event, handler) {
      if (typeof handler !== "function") throw new TypeError("duplex.on(event, handler): handler must be a function");
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler);
      return api;
    }

    function off(event, handler) {
      const set = listeners.get(event);
      if (set) set.delete(handler);
      return api;
    }

    const api = {
      configure,
      start,
      stop,
      service: defineService,
      call,
      batch,
      expose,
      subscribe,
      unsubscribe,
      on,
      off,
      DuplexError,
      get status() { return status; },
      get mode() { return mode; },
      get transport() {
        if (advisedPoll) return "polling";
        return following() && tabs.leaderTransport ? tabs.leaderTransport : transportName;
      },
      /**
       * "worker" when the site's SharedWorker holds this tab's shared connection, "leader" when this tab
       * holds it, "follower" when another tab does, else null.
       */
      get shared() {
        if (!tabs || hubMode) return null;
        return tabs.kind === "worker" ? "worker" : tabs.leading ? "leader" : "follower";
      },
      /** Why a websocket-mode page streams instead, or null. */
      get fallback() { return following() && tabs.leaderTransport ? tabs.leaderFallback : fellBack; },
      get sessionId() { return session; },
      get stats() { return Object.assign({}, stats); },
      _createEngine: createEngine,
      _useScriptUrl: useScriptUrl,
      _connect: hubConnect,
    };

    const script = g.document && g.document.currentScript;
    if (script && script.src) useScriptUrl(script.src);

    // Only pages start by themselves, and only after scripts right after this one could configure.
    if (g.document) {
      const autoStart = () => {
        if (config.autoStart && !startRequested) start().catch(noop);
      };
      const doc = g.document;
      if (doc.readyState === "loading" && typeof doc.addEventListener === "function") {
        doc.addEventListener("DOMContentLoaded", () => env.setTimeout(autoStart, 0), { once: true });
      } else {
        env.setTimeout(autoStart, 0);
      }
    }

    return api;
  }

  // Run as the site's SharedWorker (named "duplex " + base by the pages' engines): hold their connection.
  const inWorker = typeof root.SharedWorkerGlobalScope === "function" && root instanceof root.SharedWorkerGlobalScope
    && typeof root.name === "string" && root.name.indexOf("duplex ") === 0;
  root.duplex = createEngine(inWorker ? { hub: true } : undefined);
  if (inWorker) root.addEventListener("connect", (event) => root.duplex._connect(event.ports[0]));
})(typeof globalThis !== "undefined" ? globalThis : this);
