"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHarness, handshakeBody, fakeWindow, settle, FakeClock, createEngine } = require("./fake-env.js");

const STREAMING = { mode: "comet", streaming: true };
const LONGPOLL = { mode: "comet", streaming: false };
const POLLING = { mode: "polling", pollIntervalMillis: 2000 };

async function started(reverse, opts) {
  const h = createHarness(opts);
  h.handshake = handshakeBody({ reverse });
  await h.engine.start();
  return h;
}

/** Opens the pending /reverse request as a stream and says it is up. */
async function openStream(h) {
  const req = await h.take("/reverse");
  const ctl = req.openStream();
  ctl.line({ v: 1, open: true });
  await settle();
  return { req, ctl };
}

test.describe("start and delivery modes", () => {
  test.it("handshakes, reports connecting then online, and is idempotent", async () => {
    const h = createHarness();
    const statuses = h.events("status");
    assert.equal(h.engine.status, "idle");
    assert.equal(h.engine.mode, null);
    const p1 = h.engine.start();
    const p2 = h.engine.start();
    assert.equal(p1, p2);
    await p1;
    assert.deepEqual(statuses, ["connecting", "online"]);
    assert.equal(h.sent("/session").length, 1);
  });

  test.it("picks the transport the server announced", async () => {
    const cases = [
      [STREAMING, "comet", "streaming"],
      [LONGPOLL, "comet", "longpoll"],
      [POLLING, "polling", "polling"],
      [{ mode: "piggyback" }, "piggyback", "piggyback"],
    ];
    for (const [reverse, mode, transport] of cases) {
      const h = await started(reverse);
      await settle();
      assert.equal(h.engine.mode, mode);
      assert.equal(h.engine.transport, transport);
      assert.equal(h.sent("/reverse").length, transport === "piggyback" ? 0 : 1, transport);
    }
  });

  test.it("rejects start() and goes offline when the handshake is refused for good", async () => {
    const h = createHarness({ handshake: null });
    const errors = h.events("error");
    const p = h.engine.start();
    (await h.take("/session")).reply({ v: 1, error: { code: "NOT_FOUND", message: "no such endpoint" } }, 404);
    await assert.rejects(p, { code: "NOT_FOUND" });
    assert.equal(h.engine.status, "offline");
    assert.equal(errors.length, 1);
    await h.clock.advance(60000);
    assert.equal(h.sent("/session").length, 1);
  });

  test.it("keeps retrying a handshake that fails on the network and resolves when it succeeds", async () => {
    const h = createHarness({ handshake: null });
    h.randomValue = 1;
    const statuses = h.events("status");
    let done = false;
    h.engine.start().then(() => { done = true; });
    (await h.take("/session")).failNetwork();
    await settle();
    assert.equal(h.engine.status, "reconnecting");
    await h.clock.advance(500);
    (await h.take("/session")).reply(handshakeBody());
    await settle();
    assert.equal(done, true);
    assert.deepEqual(statuses, ["connecting", "reconnecting", "online"]);
  });
});

test.describe("streaming transport", () => {
  test.it("posts /reverse with session, csrf, ack and conn and runs reverse lines", async () => {
    const h = await started(STREAMING);
    const seen = [];
    h.win.add = (x) => seen.push(x);
    const { req, ctl } = await openStream(h);
    assert.deepEqual(req.body, { v: 1, session: "s1", csrf: "t1", ack: 0, conn: 1 });
    assert.equal(req.headers["Content-Type"], "application/json");
    assert.equal(req.init.credentials, "same-origin");
    ctl.line({ hb: 1 });
    ctl.line({ reverse: { calls: [{ seq: 1, fn: "add", args: ["a"] }] } });
    await settle();
    assert.deepEqual(seen, ["a"]);
    assert.equal(h.engine.status, "online");
  });

  test.it("joins lines split across chunks, also inside a multi-byte character", async () => {
    const h = await started(STREAMING);
    const seen = [];
    h.win.add = (x) => seen.push(x);
    const { ctl } = await openStream(h);
    const bytes = new TextEncoder().encode(
      JSON.stringify({ reverse: { calls: [{ seq: 1, fn: "add", args: ["héllo ✓"] }] } }) + "\n"
      + JSON.stringify({ hb: 1 }) + "\n"
      + JSON.stringify({ reverse: { calls: [{ seq: 2, fn: "add", args: ["two"] }] } }) + "\n");
    const cut = bytes.indexOf(0xc3) + 1; // in the middle of "é"
    ctl.push(bytes.slice(0, 10));
    ctl.push(bytes.slice(10, cut));
    await settle();
    assert.deepEqual(seen, []);
    ctl.push(bytes.slice(cut, bytes.length - 5));
    await settle();
    assert.deepEqual(seen, ["héllo ✓"]);
    ctl.push(bytes.slice(bytes.length - 5));
    await settle();
    assert.deepEqual(seen, ["héllo ✓", "two"]);
  });

  test.it("reconnects at once on close hold, carrying the ack", async () => {
    const h = await started(STREAMING);
    h.win.add = () => {};
    const { req, ctl } = await openStream(h);
    ctl.line({ reverse: { calls: [{ seq: 1, fn: "add" }, { seq: 2, fn: "add" }] } });
    ctl.line({ close: "hold" });
    const next = await h.take("/reverse");
    assert.equal(next.body.ack, 2);
    assert.equal(req.init.signal.aborted, true);
    assert.equal(h.open("/reverse").length, 0);
    assert.equal(h.engine.stats.reconnects, 0);
  });

  test.it("does not reconnect after close replaced", async () => {
    const h = await started(STREAMING);
    const { ctl } = await openStream(h);
    ctl.line({ close: "replaced" });
    await h.clock.advance(60000);
    assert.equal(h.sent("/reverse").length, 1);
  });

  test.it("handshakes again after close ended and streams with the new session", async () => {
    const h = await started(STREAMING);
    h.handshake = (n) => handshakeBody({ session: "s" + n, reverse: STREAMING });
    const expired = h.events("expired");
    h.win.add = () => {};
    const { ctl } = await openStream(h);
    ctl.line({ reverse: { calls: [{ seq: 1, fn: "add" }] } });
    ctl.line({ close: "ended" });
    const next = await h.take("/reverse");
    assert.equal(expired.length, 1);
    assert.equal(next.body.session, "s2");
    assert.equal(next.body.ack, 0);
    assert.equal(h.engine.sessionId, "s2");
  });

  test.it("on a gap stops reading, aborts the stream and asks again from lastSeq", async () => {
    const h = await started(STREAMING);
    const seen = [];
    h.win.add = (x) => seen.push(x);
    const { req, ctl } = await openStream(h);
    ctl.line({ reverse: { calls: [{ seq: 1, fn: "add", args: [1] }] } });
    ctl.line({ reverse: { calls: [{ seq: 3, fn: "add", args: [3] }] } });
    ctl.line({ reverse: { calls: [{ seq: 2, fn: "add", args: [2] }] } });
    const next = await h.take("/reverse");
    assert.equal(req.init.signal.aborted, true);
    assert.equal(next.body.ack, 1);
    assert.deepEqual(seen, [1]);
    assert.equal(h.engine.stats.reconnects, 1);
  });

  test.it("restarts the stream when a /call response shows a gap", async () => {
    const h = await started(STREAMING);
    h.win.add = () => {};
    const { req } = await openStream(h);
    const p = h.engine.call("S", "m", []);
    const call = await h.take("/call");
    call.reply({ v: 1, results: [{ id: call.body.calls[0].id }], reverse: { calls: [{ seq: 5, fn: "add" }] } });
    await p;
    const next = await h.take("/reverse");
    assert.equal(req.init.signal.aborted, true);
    assert.equal(next.body.ack, 0);
  });

  // A streaming page that ran seq 1 and whose first /ack (returned) was answered.
  async function streamingAfterFirstAck(ackIntervalMillis) {
    const h = await started({ ...STREAMING, ackIntervalMillis });
    h.win.add = () => {};
    const { ctl } = await openStream(h);
    ctl.line({ reverse: { calls: [{ seq: 1, fn: "add" }] } });
    await h.clock.advance(0);
    const first = await h.take("/ack");
    first.replyText("", 204);
    return { h, ctl, first };
  }

  test.it("acknowledges run entries at most every ackIntervalMillis", async () => {
    const { h, ctl, first } = await streamingAfterFirstAck(1000);
    assert.deepEqual(first.body, { v: 1, session: "s1", csrf: "t1", ack: 1 });

    ctl.line({ reverse: { calls: [{ seq: 2, fn: "add" }] } });
    await h.clock.advance(400);
    ctl.line({ reverse: { calls: [{ seq: 3, fn: "add" }, { seq: 4, fn: "add" }] } });
    await h.clock.advance(500);
    assert.equal(h.sent("/ack").length, 1);
    await h.clock.advance(100);
    assert.deepEqual(h.sent("/ack").map((r) => r.body.ack), [1, 4]);
    (await h.take("/ack")).replyText("", 204);

    await h.clock.advance(5000);
    assert.equal(h.sent("/ack").length, 2, "nothing new to acknowledge");
  });

  test.it("acknowledges at once, before its interval, when the server says ackNow", async () => {
    const { h, ctl } = await streamingAfterFirstAck(5000);

    ctl.line({ reverse: { calls: [{ seq: 2, fn: "add" }] } });
    await h.clock.advance(100);
    assert.equal(h.sent("/ack").length, 1, "an ordinary delivery waits for the interval");
    ctl.line({ reverse: { calls: [{ seq: 3, fn: "add" }], ackNow: true } });
    await settle();
    assert.deepEqual(h.sent("/ack").map((r) => r.body.ack), [1, 3]);
    (await h.take("/ack")).replyText("", 204);

    ctl.line({ reverse: { calls: [{ seq: 3, fn: "add" }], ackNow: true } });
    await settle();
    assert.equal(h.sent("/ack").length, 2, "nothing new run: no ack, even when asked");
  });

  test.it("sends one /ack at a time for ackNow: objects that ask while one is on its way wait for it", async () => {
    const h = await started({ ...STREAMING, ackIntervalMillis: 5000 });
    h.win.add = () => {};
    const { ctl } = await openStream(h);
    ctl.line({ reverse: { calls: [{ seq: 1, fn: "add" }], ackNow: true } });
    await settle();
    ctl.line({ reverse: { calls: [{ seq: 2, fn: "add" }], ackNow: true } });
    ctl.line({ reverse: { calls: [{ seq: 3, fn: "add" }], ackNow: true } });
    await settle();
    assert.deepEqual(h.sent("/ack").map((r) => r.body.ack), [1], "the server has not read the first yet");
    (await h.take("/ack")).replyText("", 204);
    await settle();
    ctl.line({ reverse: { calls: [{ seq: 4, fn: "add" }], ackNow: true } });
    await settle();
    assert.deepEqual(h.sent("/ack").map((r) => r.body.ack), [1, 4]);
  });

  test.it("sends no ack when the reconnect already carried it", async () => {
    const h = await started({ ...STREAMING, ackIntervalMillis: 1000 });
    h.win.add = () => {};
    const { ctl } = await openStream(h);
    ctl.line({ reverse: { calls: [{ seq: 1, fn: "add" }] } });
    ctl.line({ close: "hold" });
    await h.take("/reverse");
    await h.clock.advance(2000);
    assert.equal(h.sent("/ack").length, 0);
  });

  test.it("keeps a stream with heartbeats and reconnects one that went silent", async () => {
    const h = await started({ ...STREAMING, heartbeatMillis: 15000 });
    h.randomValue = 1;
    const errors = h.events("error");
    const { req, ctl } = await openStream(h);
    for (let i = 0; i < 4; i++) {
      await h.clock.advance(15000);
      ctl.line({ hb: 1 });
    }
    await settle();
    assert.equal(req.init.signal.aborted, false);
    await h.clock.advance(31000);
    assert.equal(req.init.signal.aborted, true);
    assert.deepEqual(errors.map((e) => e.code), ["TIMEOUT"]);
    assert.equal(h.engine.status, "reconnecting");
    await h.clock.advance(500);
    assert.equal(h.open("/reverse").length, 1);
  });

  test.it("treats a stream that ends without a close line as a failure", async () => {
    const h = await started(STREAMING);
    h.randomValue = 1;
    const { ctl } = await openStream(h);
    ctl.end();
    await settle();
    assert.equal(h.engine.status, "reconnecting");
    assert.equal(h.open("/reverse").length, 0);
    await h.clock.advance(500);
    await openStream(h);
    assert.equal(h.engine.status, "online");
  });

  test.it("reports a stream that breaks off mid-body as NETWORK, like a long poll", async () => {
    const h = await started(STREAMING);
    h.randomValue = 1;
    const errors = h.events("error");
    const { ctl } = await openStream(h);
    ctl.line({ hb: 1 });
    ctl.fail(new TypeError("terminated")); // what fetch reports when the connection drops
    await settle();
    assert.deepEqual(errors.map((e) => e.code), ["NETWORK"]);
    assert.equal(h.engine.status, "reconnecting");
    await h.clock.advance(500);
    await openStream(h);
    assert.equal(h.engine.status, "online");
  });

  test.it("drops a stream with an unreadable line and reconnects", async () => {
    const h = await started(STREAMING);
    h.randomValue = 1;
    const errors = h.events("error");
    const { req, ctl } = await openStream(h);
    ctl.push("<html>proxy error</html>\n");
    await settle();
    assert.equal(req.init.signal.aborted, true);
    assert.deepEqual(errors.map((e) => e.code), ["PROTOCOL_ERROR"]);
    await h.clock.advance(500);
    assert.equal(h.open("/reverse").length, 1);
  });

  test.it("accepts a plain JSON answer to a streaming request like a long poll", async () => {
    const h = await started(STREAMING);
    const seen = [];
    h.win.add = (x) => seen.push(x);
    (await h.take("/reverse")).reply({ v: 1, reverse: { calls: [{ seq: 1, fn: "add", args: ["x"] }] } });
    const next = await h.take("/reverse");
    assert.deepEqual(seen, ["x"]);
    assert.equal(next.body.ack, 1);
  });
});

test.describe("one held connection", () => {
  test.it("never has two reverse requests open, whatever makes it reconnect", async () => {
    const h = await started(STREAMING);
    h.randomValue = 1;
    h.win.add = () => {};
    const maxOpen = () => assert.ok(h.open("/reverse").length <= 1, "two held connections");
    let { ctl } = await openStream(h);
    ctl.line({ close: "hold" });
    await settle();
    maxOpen();
    ({ ctl } = await openStream(h));
    ctl.line({ reverse: { calls: [{ seq: 2, fn: "add" }] } }); // gap
    await settle();
    maxOpen();
    await openStream(h);
    const p = h.engine.call("S", "m", []);
    const call = await h.take("/call");
    call.reply({ v: 1, results: [{ id: call.body.calls[0].id }], reverse: { calls: [{ seq: 9, fn: "add" }] } });
    await p;
    maxOpen();
    h.engine.start();
    await settle();
    maxOpen();
    assert.equal(h.open("/reverse").length, 1);
  });

  test.it("switches transport when a new handshake announces another mode", async () => {
    const h = await started(STREAMING);
    h.handshake = (n) => handshakeBody({ session: "s" + n, reverse: POLLING });
    const { ctl } = await openStream(h);
    ctl.line({ close: "ended" });
    const poll = await h.take("/reverse");
    assert.equal(h.engine.transport, "polling");
    assert.equal(poll.body.session, "s2");
    poll.reply({ v: 1, reverse: {} });
    await h.clock.advance(2000);
    assert.equal(h.open("/reverse").length, 1);
  });
});

test.describe("status without a reverse connection", () => {
  test.it("in piggyback mode follows the outcome of call requests", async () => {
    const h = await started({ mode: "piggyback" });
    const statuses = h.events("status");
    for (let i = 0; i < 3; i++) {
      const p = h.engine.call("S", "m", []).catch((e) => e.code);
      (await h.take("/call")).failNetwork();
      assert.equal(await p, "NETWORK");
    }
    assert.deepEqual(statuses, ["reconnecting", "offline"]);
    const ok = h.engine.call("S", "m", []);
    const req = await h.take("/call");
    req.reply({ v: 1, results: [{ id: req.body.calls[0].id, value: 1 }] });
    await ok;
    assert.deepEqual(statuses, ["reconnecting", "offline", "online"]);
  });
});

test.describe("long poll and polling", () => {
  test.it("long poll re-posts at once after each answer, carrying the ack", async () => {
    const h = await started(LONGPOLL);
    const seen = [];
    h.win.add = (x) => seen.push(x);
    const first = await h.take("/reverse");
    assert.deepEqual(first.body, { v: 1, session: "s1", csrf: "t1", ack: 0, conn: 1 });
    first.reply({ v: 1, reverse: { calls: [{ seq: 1, fn: "add", args: [1] }, { seq: 2, fn: "add", args: [2] }] } });
    const second = await h.take("/reverse");
    assert.equal(second.body.ack, 2);
    assert.equal(second.body.conn, 2, "each request numbered after the last");
    second.reply({ v: 1, reverse: {} });
    const third = await h.take("/reverse");
    assert.equal(third.body.ack, 2);
    assert.equal(third.body.conn, 3);
    assert.deepEqual(seen, [1, 2]);
    assert.equal(h.sent("/ack").length, 0);
  });

  test.it("long poll handshakes again on SESSION_UNKNOWN and goes on with the new session", async () => {
    const h = await started(LONGPOLL);
    h.handshake = (n) => handshakeBody({ session: "s" + n, csrf: "t" + n, reverse: LONGPOLL });
    const expired = h.events("expired");
    (await h.take("/reverse")).reply({ v: 1, error: { code: "SESSION_UNKNOWN", message: "gone" } }, 410);
    const next = await h.take("/reverse");
    assert.equal(expired.length, 1);
    assert.deepEqual(next.body, { v: 1, session: "s2", csrf: "t2", ack: 0, conn: 2 });
    assert.equal(h.engine.status, "online");
  });

  test.it("polling waits pollIntervalMillis between requests, but asks again at once after a gap", async () => {
    const h = await started(POLLING);
    const seen = [];
    h.win.add = (x) => seen.push(x);
    (await h.take("/reverse")).reply({ v: 1, reverse: { calls: [{ seq: 1, fn: "add", args: [1] }] } });
    await h.clock.advance(1999);
    assert.equal(h.open("/reverse").length, 0);
    await h.clock.advance(1);
    const second = await h.take("/reverse");
    assert.equal(second.body.ack, 1);
    second.reply({ v: 1, reverse: { calls: [{ seq: 3, fn: "add", args: [3] }] } });
    const third = await h.take("/reverse");
    assert.equal(third.body.ack, 1);
    assert.deepEqual(seen, [1]);
  });

  test.it("polling fetches at once when a /call response shows a gap", async () => {
    const h = await started(POLLING);
    h.win.add = () => {};
    (await h.take("/reverse")).reply({ v: 1, reverse: {} });
    await settle();
    const p = h.engine.call("S", "m", []);
    const call = await h.take("/call");
    call.reply({ v: 1, results: [{ id: call.body.calls[0].id }], reverse: { calls: [{ seq: 2, fn: "add" }] } });
    await p;
    await h.take("/reverse");
  });
});

test.describe("reconnecting", () => {
  test.it("backs off exponentially with full jitter, goes offline after repeated failures and resets on success", async () => {
    const h = await started(LONGPOLL);
    const statuses = h.events("status");
    h.randomValue = 1;
    const delays = [];
    for (let i = 0; i < 8; i++) {
      (await h.take("/reverse")).failNetwork();
      await settle();
      delays.push(Math.max(...h.clock.pending()));
      await h.clock.advance(delays.at(-1));
    }
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    assert.deepEqual(statuses, ["reconnecting", "offline"]);
    assert.equal(h.engine.stats.reconnects, 8);

    (await h.take("/reverse")).reply({ v: 1, reverse: {} });
    await settle();
    assert.deepEqual(statuses, ["reconnecting", "offline", "online"]);
    (await h.take("/reverse")).failNetwork();
    await settle();
    assert.deepEqual(h.clock.pending(), [500]);

    h.randomValue = 0.25;
    await h.clock.advance(500);
    (await h.take("/reverse")).replyText("busy", 503);
    await settle();
    assert.deepEqual(h.clock.pending(), [250], "the second failure's window is 1000 ms, a quarter of it drawn");
  });

  test.it("retries at once when the browser comes back online, and shows offline when it goes", async () => {
    const h = await started(LONGPOLL);
    h.randomValue = 1;
    (await h.take("/reverse")).failNetwork();
    await settle();
    h.win.navigator.onLine = false;
    h.win.dispatch("offline");
    assert.equal(h.engine.status, "offline");
    h.win.navigator.onLine = true;
    h.win.dispatch("online");
    await settle();
    assert.equal(h.open("/reverse").length, 1);
    assert.equal(h.clock.now, 0);
  });

  test.it("a transport server error is reported through the error event and retried", async () => {
    const h = await started(STREAMING);
    h.randomValue = 1;
    const errors = h.events("error");
    (await h.take("/reverse")).reply({ v: 1, error: { code: "SERVER_ERROR", message: "x", incident: "i1" } }, 500);
    await settle();
    assert.equal(errors[0].code, "SERVER_ERROR");
    assert.equal(errors[0].incident, "i1");
    await h.clock.advance(500);
    assert.equal(h.open("/reverse").length, 1);
  });

  test.it("handshakes again after a CSRF rejection on the reverse connection", async () => {
    const h = await started(LONGPOLL);
    h.randomValue = 1;
    h.handshake = (n) => handshakeBody({ session: "s" + n, csrf: "t" + n, reverse: LONGPOLL });
    (await h.take("/reverse")).reply({ v: 1, error: { code: "CSRF_REJECTED", message: "no" } }, 403);
    await h.clock.advance(500);
    const next = await h.take("/reverse");
    assert.equal(next.body.csrf, "t2");
  });
});

test.describe("unload and stop", () => {
  test.it("sends the unload beacon on pagehide and stops the transport", async () => {
    const h = await started(STREAMING);
    const { req } = await openStream(h);
    h.win.dispatch("pagehide", { persisted: false });
    assert.equal(h.win.beacons.length, 1);
    const { url, data } = h.win.beacons[0];
    assert.equal(url, "/duplex/unload");
    assert.equal(data.type, "application/json");
    assert.deepEqual(JSON.parse(await data.text()), { v: 1, session: "s1", csrf: "t1" });
    assert.equal(req.init.signal.aborted, true);
    assert.equal(h.engine.status, "idle");
    assert.equal(h.engine.sessionId, null);
    await h.clock.advance(60000);
    assert.equal(h.sent("/reverse").length, 1);
  });

  test.it("falls back to a keepalive fetch when sendBeacon is missing or refuses", async () => {
    const h = createHarness({ global: fakeWindow({ navigator: { onLine: true, sendBeacon: () => false } }) });
    await h.engine.start();
    h.win.dispatch("pagehide", {});
    const req = await h.take("/unload");
    assert.equal(req.init.keepalive, true);
    assert.equal(req.headers["Content-Type"], "application/json");
    assert.deepEqual(req.body, { v: 1, session: "s1", csrf: "t1" });
  });

  test.it("stop() ends the session; start() afterwards opens a new one", async () => {
    const h = await started(LONGPOLL);
    h.handshake = (n) => handshakeBody({ session: "s" + n, reverse: LONGPOLL });
    const first = await h.take("/reverse");
    h.engine.stop();
    assert.equal(first.init.signal.aborted, true);
    assert.equal(h.win.beacons.length, 1);
    assert.equal(h.engine.status, "idle");
    await h.engine.start();
    const next = await h.take("/reverse");
    assert.equal(next.body.session, "s2");
    assert.equal(h.open("/reverse").length, 0);
  });

  test.it("starts again when the page comes back from the back/forward cache", async () => {
    const h = await started(LONGPOLL);
    h.handshake = (n) => handshakeBody({ session: "s" + n, reverse: LONGPOLL });
    await h.take("/reverse");
    h.win.dispatch("pagehide", { persisted: true });
    h.win.dispatch("pageshow", { persisted: true });
    const next = await h.take("/reverse");
    assert.equal(next.body.session, "s2");
  });
});

test.describe("loading", () => {
  function browserWindow(readyState) {
    const docListeners = {};
    const win = fakeWindow({
      document: {
        readyState,
        currentScript: { src: "http://localhost/app/duplex/engine.js?v=3" },
        addEventListener(type, fn) { (docListeners[type] = docListeners[type] || []).push(fn); },
      },
    });
    win.fireDocument = (type) => (docListeners[type] || []).forEach((fn) => fn({}));
    return win;
  }

  test.it("starts by itself on the next tick, from the path of its own script", async () => {
    const page = createPageEngine(browserWindow("complete"));
    assert.equal(page.all.length, 0);
    await page.clock.advance(0);
    assert.equal(page.all[0].url, "/app/duplex/session");
    assert.equal(page.engine.status, "online");
  });

  test.it("waits for DOMContentLoaded while the document is loading, and can be told not to start", async () => {
    const win = browserWindow("loading");
    const h = createPageEngine(win);
    await h.clock.advance(10);
    assert.equal(h.all.length, 0);
    win.fireDocument("DOMContentLoaded");
    await h.clock.advance(0);
    assert.equal(h.all.length, 1);

    const quiet = createPageEngine(browserWindow("complete"));
    quiet.engine.configure({ autoStart: false });
    await quiet.clock.advance(100);
    assert.equal(quiet.all.length, 0);
  });

  test.it("engine.mjs exports the global engine", async () => {
    const mod = await import("../../main/resources/io/duplex/js/engine.mjs");
    assert.equal(mod.default, globalThis.duplex);
    assert.equal(mod.duplex, globalThis.duplex);
    assert.equal(typeof mod.default.service, "function");
  });
});

/**
 * An engine as a page gets it: no configured path (it comes from document.currentScript), and every
 * handshake answered.
 */
function createPageEngine(win) {
  const clock = new FakeClock();
  const all = [];
  const fetch = (url, init) => new Promise((resolve) => {
    all.push({ url, init });
    if (url.endsWith("/session")) {
      resolve({ ok: true, status: 200, headers: { get: () => "application/json" }, text: async () => JSON.stringify(handshakeBody()) });
    }
  });
  const engine = createEngine({
    fetch, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now, global: win,
  });
  return { engine, clock, all };
}
