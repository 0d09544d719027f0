"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHarness, handshakeBody, settle } = require("./fake-env.js");

function results(req, valueOf) {
  return { v: 1, results: req.body.calls.map((c) => ({ id: c.id, value: valueOf(c) })) };
}

test.describe("handshake and request format", () => {
  test.it("handshakes lazily before the first call, then posts the call with session, csrf and ack", async () => {
    const h = createHarness();
    const p = h.engine.call("Chat", "send", ["hi"]);
    const req = await h.take("/call");

    const [hs] = h.sent("/session");
    assert.deepEqual(hs.body, { v: 1, page: "/chat.html?room=1" });
    assert.equal(hs.url, "/duplex/session");
    assert.equal(req.url, "/duplex/call");
    assert.equal(req.init.method, "POST");
    assert.equal(req.init.credentials, "same-origin");
    assert.equal(req.headers["Content-Type"], "application/json");
    assert.deepEqual(req.body, {
      v: 1, session: "s1", csrf: "t1", ack: 0,
      calls: [{ id: req.body.calls[0].id, service: "Chat", method: "send", args: ["hi"] }],
    });
    req.reply(results(req, () => "ok"));
    assert.equal(await p, "ok");
    assert.equal(h.engine.sessionId, "s1");
    assert.equal(h.engine.mode, "piggyback");
    assert.equal(h.engine.transport, "piggyback");
  });

  test.it("shares one handshake among calls made while it is in flight", async () => {
    const h = createHarness({ handshake: null });
    const a = h.engine.call("S", "a", []);
    await settle();
    const b = h.engine.call("S", "b", []);
    const hs = await h.take("/session");
    assert.equal(h.sent("/session").length, 1);
    hs.reply(handshakeBody());
    const r1 = await h.take("/call");
    const r2 = await h.take("/call");
    r1.reply(results(r1, () => 1));
    r2.reply(results(r2, () => 2));
    assert.deepEqual([await a, await b], [1, 2]);
  });

  test.it("rejects the calls when the handshake fails", async () => {
    const h = createHarness({ handshake: null });
    const p = h.engine.call("S", "a", []);
    (await h.take("/session")).reply({ v: 1, error: { code: "ORIGIN_REJECTED", message: "no" } }, 403);
    await assert.rejects(p, { code: "ORIGIN_REJECTED", status: 403 });
    assert.equal(h.sent("/call").length, 0);
  });

  test.it("refuses a handshake response without session or known mode", async () => {
    const h = createHarness({ handshake: { v: 1, session: "s", csrf: "t", reverse: { mode: "carrier-pigeon" } } });
    await assert.rejects(h.engine.call("S", "a", []), { code: "PROTOCOL_ERROR" });
  });
});

test.describe("batching", () => {
  test.it("sends calls made in the same tick in one request and matches results by id", async () => {
    const h = createHarness();
    const a = h.engine.call("S", "a", [1]);
    const b = h.engine.call("S", "b", [2]);
    const c = h.engine.call("S", "c", [3]);
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls.map((x) => x.method), ["a", "b", "c"]);
    const [ia, ib, ic] = req.body.calls.map((x) => x.id);
    assert.equal(new Set([ia, ib, ic]).size, 3);
    req.reply({ v: 1, results: [{ id: ic, value: null }, { id: ia, value: "A" }, { id: ib }] });
    assert.equal(await a, "A");
    assert.equal(await b, undefined);
    assert.equal(await c, null);
    assert.equal(h.sent("/call").length, 1);
  });

  test.it("sends calls made in different ticks in different requests", async () => {
    const h = createHarness();
    h.engine.call("S", "a", []).catch(() => {});
    await settle();
    h.engine.call("S", "b", []).catch(() => {});
    await settle();
    assert.equal(h.sent("/call").length, 2);
  });

  test.it("sends each call at once when autoBatch is off", async () => {
    const h = createHarness({ config: { autoBatch: false } });
    h.engine.call("S", "a", []).catch(() => {});
    h.engine.call("S", "b", []).catch(() => {});
    await settle();
    assert.deepEqual(h.sent("/call").map((r) => r.body.calls.length), [1, 1]);
  });

  test.it("batch() sends its calls in one request and resolves to their settled results", async () => {
    const h = createHarness({ config: { autoBatch: false } });
    const done = h.engine.batch(() => {
      h.engine.call("S", "a", []);
      h.engine.call("S", "b", []);
    });
    const req = await h.take("/call");
    assert.equal(req.body.calls.length, 2);
    const [ia, ib] = req.body.calls.map((x) => x.id);
    req.reply({ v: 1, results: [{ id: ia, value: 1 }, { id: ib, error: { code: "BAD_ARGUMENTS", message: "argument 1" } }] });
    const settled = await done;
    assert.equal(settled[0].status, "fulfilled");
    assert.equal(settled[0].value, 1);
    assert.equal(settled[1].status, "rejected");
    assert.equal(settled[1].reason.code, "BAD_ARGUMENTS");
  });

  test.it("a batch inside a batch joins the outer request", async () => {
    const h = createHarness();
    h.engine.batch(() => {
      h.engine.call("S", "a", []);
      h.engine.batch(() => h.engine.call("S", "b", []));
      h.engine.call("S", "c", []);
    });
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls.map((x) => x.method), ["a", "b", "c"]);
  });

  test.it("batch() still sends the calls made before fn threw, and rejects with what fn threw", async () => {
    const h = createHarness();
    let first;
    const done = h.engine.batch(() => {
      first = h.engine.call("S", "a", []);
      throw new Error("boom");
    });
    const req = await h.take("/call");
    req.reply(results(req, () => "A"));
    assert.equal(await first, "A");
    await assert.rejects(done, /boom/);
  });

  test.it("splits more calls than maxBatchSize over several requests", async () => {
    const h = createHarness();
    const promises = [];
    for (let i = 0; i < 250; i++) promises.push(h.engine.call("S", "m", [i]));
    await settle();
    const reqs = h.open("/call");
    assert.deepEqual(reqs.map((r) => r.body.calls.length), [100, 100, 50]);
    for (const r of reqs) r.reply(results(r, (c) => c.args[0] * 2));
    const values = await Promise.all(promises);
    assert.deepEqual(values.slice(0, 3), [0, 2, 4]);
    assert.equal(values[249], 498);
  });

  test.it("honours a configured maxBatchSize, also for explicit batches", async () => {
    const h = createHarness({ config: { maxBatchSize: 2 } });
    h.engine.batch(() => {
      for (let i = 0; i < 5; i++) h.engine.call("S", "m", [i]);
    });
    await settle();
    assert.deepEqual(h.open("/call").map((r) => r.body.calls.length), [2, 2, 1]);
  });
});

test.describe("interface stubs", () => {
  test.it("defines the service object on the global with one function per method", async () => {
    const h = createHarness();
    const chat = h.engine.service("Chat", { send: ["text"], history: [] }, "/duplex");
    assert.equal(h.win.Chat, chat);
    assert.deepEqual(Object.keys(chat).sort(), ["history", "send"]);
    const p = h.win.Chat.send("hi");
    assert.ok(p instanceof Promise);
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls[0], { id: req.body.calls[0].id, service: "Chat", method: "send", args: ["hi"] });
    req.reply(results(req, () => 7));
    assert.equal(await p, 7);
  });

  test.it("treats a trailing function beyond the declared parameters as the callback", async () => {
    const h = createHarness();
    const chat = h.engine.service("Chat", { send: ["text"] });
    const got = [];
    const p = chat.send("hi", (v) => got.push(v));
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls[0].args, ["hi"]);
    req.reply(results(req, () => "done"));
    assert.equal(await p, "done");
    assert.deepEqual(got, ["done"]);
  });

  test.it("treats a trailing object beyond the declared parameters as options", async () => {
    const h = createHarness({ config: { headers: { "X-App": "1" } } });
    const chat = h.engine.service("Chat", { send: ["text"] });
    const got = [];
    const errors = [];
    const ok = chat.send("a", { callback: (v) => got.push(v), headers: { "X-Trace": "abc" } });
    const bad = chat.send("b", { errorHandler: (message, error) => errors.push([message, error.code]) });
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls.map((c) => c.args), [["a"], ["b"]]);
    assert.equal(req.headers["X-Trace"], "abc");
    assert.equal(req.headers["X-App"], "1");
    const [i1, i2] = req.body.calls.map((c) => c.id);
    req.reply({ v: 1, results: [{ id: i1, value: 1 }, { id: i2, error: { code: "FORBIDDEN", message: "not yours" } }] });
    assert.equal(await ok, 1);
    await assert.rejects(bad, { code: "FORBIDDEN" });
    assert.deepEqual(got, [1]);
    assert.deepEqual(errors, [["not yours", "FORBIDDEN"]]);
  });

  test.it("sends a function within the declared parameters as a handle and drops surplus arguments", async () => {
    const h = createHarness();
    const chat = h.engine.service("Chat", { subscribe: ["room", "listener"] });
    chat.subscribe("r1", () => {}, "surplus", () => {}).catch(() => {});
    const req = await h.take("/call");
    const args = req.body.calls[0].args;
    assert.equal(args.length, 2);
    assert.equal(args[0], "r1");
    assert.match(args[1].$fn, /^f\d+$/);
  });

  test.it("tells a callback from an argument by the arities of an overloaded method", async () => {
    const h = createHarness();
    // f(String) and f(String, String): the stub advertises the longest, plus the arities.
    const u = h.engine.service("U", { f: ["a", "b"] }, "/duplex", { f: { arities: [1, 2], functionLast: [] } });
    const got = [];
    const p = u.f("x", (v) => got.push(v));
    const two = u.f("x", "y");
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls.map((c) => c.args), [["x"], ["x", "y"]]);
    req.reply(results(req, (c) => c.args.length));
    assert.equal(await p, 1);
    assert.equal(await two, 2);
    assert.deepEqual(got, [1]);
  });

  test.it("sends a trailing function as a handle when the overload of that arity takes one", async () => {
    const h = createHarness();
    // watch(String) and watch(String, JsFunction)
    const u = h.engine.service("U", { watch: ["room", "listener"] }, "/duplex",
      { watch: { arities: [1, 2], functionLast: [2] } });
    u.watch("r1", () => {}).catch(() => {});
    u.watch("r1", () => {}, () => {}).catch(() => {}); // beyond the longest: the callback
    const req = await h.take("/call");
    const [withHandle, withCallback] = req.body.calls.map((c) => c.args);
    assert.equal(withHandle.length, 2);
    assert.match(withHandle[1].$fn, /^f\d+$/);
    assert.equal(withCallback.length, 2);
  });

  test.it("takes a trailing callback or options after a shorter overload's arguments", async () => {
    const h = createHarness();
    // g(int) and g(int, int, int)
    const u = h.engine.service("U", { g: ["a", "b", "c"] }, "/duplex", { g: { arities: [1, 3], functionLast: [] } });
    const got = [];
    u.g(1, (v) => got.push(v));
    u.g(1, { timeout: 5000 });
    u.g(1, 2).catch(() => {}); // no overload takes 2: sent as is, for the server to refuse
    u.g(1, 2, 3, (v) => got.push(v));
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls.map((c) => c.args), [[1], [1], [1, 2], [1, 2, 3]]);
    req.reply(results(req, (c) => c.args.length));
    await settle();
    assert.deepEqual(got, [1, 3]);
  });

  test.it("warns once about DWR call options it does not support, and still makes the call", async () => {
    const h = createHarness();
    const chat = h.engine.service("Chat", { send: ["text"] });
    const got = [];
    const first = chat.send("a", { callback: (v) => got.push(v), exceptionHandler: () => {}, async: false });
    chat.send("b", { exceptionHandler: () => {}, callbackArg: 7 });
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls.map((c) => c.args), [["a"], ["b"]]);
    req.reply(results(req, () => "ok"));
    assert.equal(await first, "ok");
    assert.deepEqual(got, ["ok"]);
    h.engine.batch(() => chat.send("c"), { warningHandler: () => {} });
    assert.deepEqual((await h.take("/call")).body.calls.map((c) => c.args), [["c"]]);
    const named = h.warnings.map((w) => /"(\w+)"/.exec(w)[1]);
    assert.deepEqual(named, ["exceptionHandler", "async", "callbackArg", "warningHandler"]);
    assert.match(h.warnings[0], /errorHandler/);
    chat.send("d", { exceptionHandler: () => {}, timeout: 1000 }).catch(() => {});
    assert.equal(h.warnings.length, 4, "once per option name");
  });

  test.it("takes its base path from the first stub unless a path was configured", async () => {
    const h = createHarness();
    h.engine.configure({ path: null });
    h.engine.service("A", { m: [] }, "/app/dwr/");
    h.engine.service("B", { m: [] }, "/elsewhere");
    h.win.A.m().catch(() => {});
    await settle();
    assert.equal(h.all[0].url, "/app/dwr/session");

    const h2 = createHarness({ config: { path: "/configured" } });
    h2.engine.service("A", { m: [] }, "/from-stub");
    h2.win.A.m().catch(() => {});
    await settle();
    assert.equal(h2.all[0].url, "/configured/session");
  });
});

test.describe("error handling", () => {
  test.it("rejects every call of the batch with a request-level error code", async () => {
    const h = createHarness();
    const a = h.engine.call("S", "a", []);
    const b = h.engine.call("S", "b", []);
    (await h.take("/call")).reply({ v: 1, error: { code: "CSRF_REJECTED", message: "Missing or wrong CSRF token" } }, 403);
    await assert.rejects(a, (e) => e instanceof h.engine.DuplexError && e.code === "CSRF_REJECTED" && e.status === 403
      && e.message === "Missing or wrong CSRF token");
    await assert.rejects(b, { code: "CSRF_REJECTED" });
  });

  test.it("maps an HTTP status without a Duplex body to HTTP_ERROR", async () => {
    const h = createHarness();
    const p = h.engine.call("S", "a", []);
    (await h.take("/call")).replyText("<h1>Bad gateway</h1>", 502);
    await assert.rejects(p, { code: "HTTP_ERROR", status: 502 });
  });

  test.it("maps a failed fetch to NETWORK", async () => {
    const h = createHarness();
    const p = h.engine.call("S", "a", []);
    (await h.take("/call")).failNetwork();
    await assert.rejects(p, { code: "NETWORK" });
  });

  test.it("maps a 200 that is not a Duplex response to PROTOCOL_ERROR", async () => {
    const h = createHarness();
    const html = h.engine.call("S", "a", []);
    (await h.take("/call")).replyText("<html>login</html>", 200);
    await assert.rejects(html, { code: "PROTOCOL_ERROR" });

    const noResults = h.engine.call("S", "a", []);
    (await h.take("/call")).reply({ v: 1 });
    await assert.rejects(noResults, { code: "PROTOCOL_ERROR" });

    const missing = h.engine.call("S", "a", []);
    (await h.take("/call")).reply({ v: 1, results: [] });
    await assert.rejects(missing, { code: "PROTOCOL_ERROR" });
  });

  test.it("copies code, message, type, incident and detail of a call error", async () => {
    const h = createHarness();
    const p = h.engine.call("S", "a", []);
    const req = await h.take("/call");
    req.reply({ v: 1, results: [{ id: req.body.calls[0].id, error: {
      code: "SERVER_ERROR", message: "Internal error", type: "IllegalStateException", incident: "inc-42", detail: "trace",
    } }] });
    await assert.rejects(p, (e) => e.name === "DuplexError" && e.code === "SERVER_ERROR" && e.message === "Internal error"
      && e.type === "IllegalStateException" && e.incident === "inc-42" && e.detail === "trace");
  });

  test.it("calls the per-call handler, then the global errorHandler, then the error event", async () => {
    const h = createHarness();
    const order = [];
    h.engine.configure({ errorHandler: (message, e) => order.push("global:" + message + ":" + e.code) });
    h.engine.on("error", (e) => order.push("event:" + e.code));
    const p = h.engine.call("S", "a", [], { errorHandler: (message) => order.push("own:" + message) });
    (await h.take("/call")).failNetwork("offline");
    await assert.rejects(p, { code: "NETWORK" });
    assert.equal(order.length, 3);
    assert.match(order[0], /^own:/);
    assert.match(order[1], /^global:.*:NETWORK$/);
    assert.equal(order[2], "event:NETWORK");
  });

  test.it("rejects a call whose arguments cannot become JSON without failing the rest of its batch", async () => {
    const h = createHarness();
    const bad = h.engine.call("S", "a", [10n]);
    const good = h.engine.call("S", "b", [1]);
    await assert.rejects(bad, TypeError);
    const req = await h.take("/call");
    assert.deepEqual(req.body.calls.map((c) => c.method), ["b"]);
    req.reply(results(req, () => true));
    assert.equal(await good, true);
  });
});

test.describe("timeouts", () => {
  test.it("rejects a call with TIMEOUT and keeps the request for the other calls", async () => {
    const h = createHarness();
    const slow = assert.rejects(h.engine.call("S", "slow", [], { timeout: 1000 }), { code: "TIMEOUT" });
    const other = h.engine.call("S", "other", [], { timeout: 5000 });
    const req = await h.take("/call");
    await h.clock.advance(1000);
    await slow;
    assert.equal(req.init.signal.aborted, false);
    req.reply(results(req, () => "late"));
    assert.equal(await other, "late");
  });

  test.it("aborts the request once every call in it timed out", async () => {
    const h = createHarness({ config: { timeout: 2000 } });
    let aCode = null;
    let bCode = null;
    h.engine.call("S", "a", []).catch((e) => { aCode = e.code; });
    h.engine.call("S", "b", [], { timeout: 3000 }).catch((e) => { bCode = e.code; });
    const req = await h.take("/call");
    await h.clock.advance(2000);
    assert.equal(aCode, "TIMEOUT");
    assert.equal(bCode, null);
    assert.equal(req.init.signal.aborted, false);
    await h.clock.advance(1000);
    assert.equal(bCode, "TIMEOUT");
    assert.equal(req.init.signal.aborted, true);
  });

  test.it("uses the configured default timeout, and none when it is 0", async () => {
    const h = createHarness({ config: { timeout: 0 } });
    h.engine.call("S", "a", []);
    await h.take("/call");
    assert.deepEqual(h.clock.pending(), []);
    h.engine.configure({ timeout: 30000 });
    h.engine.call("S", "a", []).catch(() => {});
    await settle();
    assert.deepEqual(h.clock.pending(), [30000]);
  });

  test.it("does not send a call that timed out while waiting for the handshake", async () => {
    const h = createHarness({ handshake: null });
    const p = assert.rejects(h.engine.call("S", "a", [], { timeout: 100 }), { code: "TIMEOUT" });
    const hs = await h.take("/session");
    await h.clock.advance(100);
    await p;
    hs.reply(handshakeBody());
    await settle();
    assert.equal(h.sent("/call").length, 0);
  });
});

test.describe("expired session", () => {
  test.it("fires expired, handshakes again and retries the refused request once with the new session", async () => {
    const h = createHarness();
    h.handshake = (n) => handshakeBody({ session: "s" + n, csrf: "t" + n });
    const expired = h.events("expired");
    h.engine.batch(() => h.engine.call("S", "warm", []));
    const warm = await h.take("/call");
    warm.reply({ v: 1, results: [{ id: warm.body.calls[0].id }], reverse: { calls: [{ seq: 1, release: "f0" }] } });
    await settle();

    const p = h.engine.call("S", "a", ["x"]);
    const first = await h.take("/call");
    assert.equal(first.body.session, "s1");
    assert.equal(first.body.ack, 1);
    first.reply({ v: 1, error: { code: "SESSION_UNKNOWN", message: "gone" } }, 410);
    const retry = await h.take("/call");
    assert.equal(expired.length, 1);
    assert.equal(retry.body.session, "s2");
    assert.equal(retry.body.csrf, "t2");
    assert.equal(retry.body.ack, 0);
    assert.deepEqual(retry.body.calls, first.body.calls);
    retry.reply(results(retry, () => "ran"));
    assert.equal(await p, "ran");
    assert.equal(h.engine.sessionId, "s2");
  });

  test.it("gives up after one retry", async () => {
    const h = createHarness();
    h.handshake = (n) => handshakeBody({ session: "s" + n });
    const p = h.engine.call("S", "a", []);
    (await h.take("/call")).reply({ v: 1, error: { code: "SESSION_UNKNOWN", message: "gone" } }, 410);
    (await h.take("/call")).reply({ v: 1, error: { code: "SESSION_UNKNOWN", message: "gone again" } }, 410);
    await assert.rejects(p, { code: "SESSION_UNKNOWN", message: "gone again" });
    assert.equal(h.sent("/session").length, 2);
  });

  test.it("renews once when several requests find the session gone together", async () => {
    const h = createHarness({ config: { autoBatch: false } });
    h.handshake = (n) => handshakeBody({ session: "s" + n });
    const expired = h.events("expired");
    const a = h.engine.call("S", "a", []);
    const b = h.engine.call("S", "b", []);
    await settle();
    for (const r of h.open("/call")) r.reply({ v: 1, error: { code: "SESSION_UNKNOWN", message: "gone" } }, 410);
    await settle();
    assert.equal(h.sent("/session").length, 2);
    assert.equal(expired.length, 1);
    for (const r of h.open("/call")) {
      assert.equal(r.body.session, "s2");
      r.reply(results(r, (c) => c.method));
    }
    assert.deepEqual([await a, await b], ["a", "b"]);
  });
});

test.describe("hooks, headers and stats", () => {
  test.it("runs preHook before sending and postHook after the response, with the batch's calls", async () => {
    const h = createHarness();
    const log = [];
    h.engine.configure({
      preHook: (calls) => log.push("pre " + calls.map((c) => c.service + "." + c.method).join() + " sent=" + h.sent("/call").length),
      postHook: (calls) => log.push("post " + calls.length),
    });
    const p = h.engine.call("S", "a", []);
    h.engine.call("S", "b", []);
    const req = await h.take("/call");
    assert.deepEqual(log, ["pre S.a,S.b sent=0"]);
    req.reply(results(req, () => 1));
    await p;
    assert.deepEqual(log, ["pre S.a,S.b sent=0", "post 2"]);
  });

  test.it("adds configured headers but keeps the JSON content type", async () => {
    const h = createHarness({ config: { headers: { "X-Requested-With": "duplex", "content-type": "text/plain" } } });
    h.engine.call("S", "a", []).catch(() => {});
    const req = await h.take("/call");
    assert.equal(req.headers["X-Requested-With"], "duplex");
    assert.equal(req.headers["Content-Type"], "application/json");
    assert.equal(req.headers["content-type"], undefined);
    assert.equal(h.sent("/session")[0].headers["X-Requested-With"], "duplex");
  });

  test.it("counts calls and requests", async () => {
    const h = createHarness();
    h.engine.call("S", "a", []);
    h.engine.call("S", "b", []);
    await h.take("/call");
    assert.deepEqual(h.engine.stats, { calls: 2, reverseCalls: 0, requests: 2, reconnects: 0 });
  });

  test.it("refuses unknown or ill-typed configuration", () => {
    const h = createHarness();
    assert.throws(() => h.engine.configure({ timout: 5 }), /unknown option timout/);
    assert.throws(() => h.engine.configure({ timeout: -1 }), TypeError);
    assert.throws(() => h.engine.configure({ errorHandler: "alert" }), TypeError);
  });
});
