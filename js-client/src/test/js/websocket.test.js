"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHarness, handshakeBody, settle } = require("./fake-env.js");

const WEBSOCKET = { mode: "websocket", heartbeatMillis: 15000, ackIntervalMillis: 1000 };

async function started(opts = {}) {
  const h = createHarness(opts);
  h.handshake = handshakeBody({ reverse: WEBSOCKET });
  await h.engine.start();
  return h;
}

/** The engine's newest socket, accepted, and the server's open line sent. */
async function openSocket(h) {
  const ws = await h.socket();
  ws.accept();
  ws.line({ v: 1, open: true });
  await settle();
  return ws;
}

test.describe("websocket mode (protocol 4.6)", () => {
  test.it("opens {base}/ws after the handshake and sends the open frame with session, token, ack, conn", async () => {
    const h = await started();
    const ws = await h.socket();
    assert.equal(ws.url, "ws://localhost/duplex/ws");
    assert.equal(h.engine.mode, "websocket");
    assert.equal(h.engine.transport, "websocket");
    ws.accept();
    assert.deepEqual(ws.sent, [{ v: 1, op: "open", session: "s1", csrf: "t1", ack: 0, conn: 1 }]);
    assert.equal(h.sent("/reverse").length, 0, "no HTTP reverse request");
  });

  test.it("sends calls on the open socket and resolves them from their numbered answer", async () => {
    const h = await started();
    const ws = await openSocket(h);
    const p1 = h.engine.call("Echo", "echo", ["a"]);
    await settle();
    const p2 = h.engine.call("Echo", "echo", ["b"]);
    await settle();
    const calls = ws.frames("call");
    assert.equal(calls.length, 2);
    assert.equal(calls[0].n, 1);
    assert.equal(calls[0].session, "s1");
    assert.equal(calls[0].csrf, "t1");
    assert.equal(calls[0].calls[0].method, "echo");
    // Answers may come in any order; each finds its frame by n.
    ws.line({ n: 2, v: 1, results: [{ id: calls[1].calls[0].id, value: "B" }] },
      { n: 1, v: 1, results: [{ id: calls[0].calls[0].id, value: "A" }] });
    assert.equal(await p1, "A");
    assert.equal(await p2, "B");
    assert.equal(h.sent("/call").length, 0);
  });

  test.it("a refused frame fails only its calls, with the server's code", async () => {
    const h = await started();
    const ws = await openSocket(h);
    const p = h.engine.call("Echo", "echo", ["x".repeat(10)]);
    await settle();
    ws.line({ n: 1, v: 1, error: { code: "PAYLOAD_TOO_LARGE", message: "too large" } });
    await assert.rejects(p, (e) => e.code === "PAYLOAD_TOO_LARGE");
    assert.equal(ws.closed, false);
  });

  test.it("runs pushed calls in order, acknowledges them on the socket, and reopens with its ack", async () => {
    const win = require("./fake-env.js").fakeWindow();
    const ran = [];
    win.app = { n: (x) => ran.push(x) };
    const h = await started({ global: win });
    const ws = await openSocket(h);
    ws.line({ reverse: { calls: [{ seq: 1, fn: "app.n", args: [1] }, { seq: 2, fn: "app.n", args: [2] }] } });
    await settle();
    assert.deepEqual(ran, [1, 2]);
    await h.clock.advance(1000);
    assert.deepEqual(ws.frames("ack").map((f) => f.ack), [2]);
    assert.equal(h.sent("/ack").length, 0, "acks travel on the socket");

    // The connection drops: a new socket after a backoff, opened with the page's ack.
    ws.drop(1006);
    await h.clock.advance(30000);
    const again = await h.socket();
    assert.notEqual(again, ws);
    again.accept();
    assert.equal(again.frames("open")[0].ack, 2);
    assert.equal(again.frames("open")[0].conn, 2);
    again.line({ v: 1, open: true }, { reverse: { calls: [{ seq: 2, fn: "app.n", args: [2] }, { seq: 3, fn: "app.n", args: [3] }] } });
    await settle();
    assert.deepEqual(ran, [1, 2, 3], "a repeated entry runs once");
  });

  test.it("acknowledges on the socket at once when a delivery says ackNow", async () => {
    const win = require("./fake-env.js").fakeWindow();
    win.app = { n: () => {} };
    const h = await started({ global: win });
    const ws = await openSocket(h);
    ws.line({ reverse: { calls: [{ seq: 1, fn: "app.n" }] } });
    await settle();
    assert.deepEqual(ws.frames("ack"), [], "waits for ackIntervalMillis");
    ws.line({ reverse: { calls: [{ seq: 2, fn: "app.n" }], ackNow: true } });
    await settle();
    assert.deepEqual(ws.frames("ack").map((f) => f.ack), [2]);
    await h.clock.advance(1000);
    assert.deepEqual(ws.frames("ack").map((f) => f.ack), [2], "the interval's timer was cleared");
  });

  test.it("a frame whose calls all timed out is forgotten: its request ends, a late result is ignored", async () => {
    const log = [];
    const h = createHarness({ config: { postHook: (calls) => log.push("post " + calls.length) } });
    h.handshake = handshakeBody({ reverse: WEBSOCKET });
    await h.engine.start();
    const ws = await openSocket(h);
    const errors = h.events("error");
    const slow = assert.rejects(h.engine.call("S", "slow", [], { timeout: 1000 }), { code: "TIMEOUT" });
    await settle();
    const frame = ws.frames("call")[0];
    await h.clock.advance(1000);
    await slow;
    await settle();
    assert.deepEqual(log, ["post 1"], "the request ended with its last call, not with a result that may never come");
    ws.line({ n: frame.n, v: 1, results: [{ id: frame.calls[0].id, value: "late" }] });
    await settle();
    assert.deepEqual(log, ["post 1"], "the late result finds nothing waiting");
    assert.deepEqual(errors.map((e) => e.code), ["TIMEOUT"]);
    assert.equal(ws.closed, false, "the socket serves on");
    const next = h.engine.call("S", "next", []);
    await settle();
    const second = ws.frames("call")[1];
    ws.line({ n: second.n, v: 1, results: [{ id: second.calls[0].id, value: "fine" }] });
    assert.equal(await next, "fine");
  });

  test.it("a call in flight when the socket drops fails with NETWORK", async () => {
    const h = await started();
    const ws = await openSocket(h);
    const p = h.engine.call("Echo", "echo", ["a"]);
    await settle();
    ws.drop(1006);
    await assert.rejects(p, (e) => e.code === "NETWORK");
  });

  test.it("falls back to streaming when the upgrade keeps failing, and says so in its status event", async () => {
    const h = await started();
    const statuses = h.events("status");
    (await h.socket()).drop(1006);
    await h.clock.advance(30000);
    assert.equal(h.sockets.length, 2);
    h.sockets[1].drop(1006);
    await settle();
    const fallback = statuses.find((s) => Array.isArray(s));
    assert.ok(fallback, JSON.stringify(statuses));
    assert.equal(fallback[1].transport, "streaming");
    assert.match(fallback[1].fallback, /WebSocket failed 2 times/);
    assert.equal(h.engine.transport, "streaming");
    assert.ok(h.engine.fallback);
    const req = await h.take("/reverse");
    const ctl = req.openStream();
    ctl.line({ v: 1, open: true });
    await settle();
    assert.equal(h.sockets.length, 2, "no more sockets");
    assert.equal(h.engine.status, "online");
  });

  test.it("a socket that worked for a while and dropped is reopened, not given up", async () => {
    const h = await started();
    for (let i = 0; i < 3; i++) {
      const ws = await openSocket(h);
      await h.clock.advance(20000);
      ws.line({ hb: 1 });
      ws.drop(1006);
      await h.clock.advance(30000);
    }
    assert.equal(h.engine.transport, "websocket");
    assert.equal(h.sent("/reverse").length, 0);
  });

  test.it("a socket the server closed cleanly ends a run of failures: two failed upgrades apart do not fall back", async () => {
    const h = await started();
    (await h.socket()).drop(1006);
    await h.clock.advance(30000);
    // A working socket, closed by a server that stops (protocol 4.6): the page reconnects.
    const ws = await openSocket(h);
    ws.line({ close: "hold" });
    await settle();
    await h.clock.advance(30000);
    assert.equal(h.sockets.length, 3);
    // The restarted server is not up yet: this upgrade fails, but it is the first in a row.
    h.sockets[2].drop(1006);
    await settle();
    assert.equal(h.engine.transport, "websocket");
    assert.equal(h.engine.fallback, null);
    await h.clock.advance(30000);
    assert.equal(h.sockets.length, 4, "a new socket, not a stream");
    assert.equal(h.sent("/reverse").length, 0);
  });

  test.it("an open frame refused as SESSION_UNKNOWN renews the session and opens a new socket", async () => {
    let n = 0;
    const h = createHarness();
    h.handshake = () => handshakeBody({ session: "s" + ++n, reverse: WEBSOCKET });
    const expired = h.events("expired");
    await h.engine.start();
    const ws = await h.socket();
    ws.accept();
    ws.line({ v: 1, error: { code: "SESSION_UNKNOWN", message: "gone" } });
    await settle();
    assert.equal(expired.length, 1);
    const next = await h.socket();
    assert.notEqual(next, ws);
    next.accept();
    assert.equal(next.frames("open")[0].session, "s2");
  });

  test.it("a replaced socket is not reopened; a browser without WebSocket streams from the start", async () => {
    const h = await started();
    const ws = await openSocket(h);
    ws.line({ close: "replaced" });
    await h.clock.advance(60000);
    assert.equal(h.sockets.length, 1);

    const old = await started({ noWebSocket: true });
    assert.equal(old.engine.transport, "streaming");
    assert.ok(old.engine.fallback);
    await old.take("/reverse");
  });

  test.it("a silent socket is given up after two heartbeats", async () => {
    const h = await started();
    const ws = await openSocket(h);
    await h.clock.advance(31001);
    assert.equal(ws.closed, true);
  });
});
