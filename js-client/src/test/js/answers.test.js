"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHarness, handshakeBody, settle } = require("./fake-env.js");

/** Makes a call and answers it with `reverse` piggybacked (piggyback mode: no transport runs). */
async function deliver(h, reverse) {
  const p = h.engine.call("S", "ping", []);
  const req = await h.take("/call");
  req.reply({ v: 1, results: [{ id: req.body.calls[0].id }], reverse });
  await p;
}

function ask(seq, name, answer, ...args) {
  return { seq, fn: name, args, answer };
}

/** The answers the next /ack carries, once the engine's zero-delay flush ran. */
async function nextAnswers(h) {
  await h.clock.advance(0);
  const req = await h.take("/ack");
  req.reply(null, 204);
  return req;
}

test.describe("answers to asks (protocol 4.7)", () => {
  test.it("answers a value, a Promise's value, a throw and a rejection in one prompt /ack", async () => {
    const h = createHarness();
    h.win.agent = {
      free: (name) => name === "ann",
      later: () => Promise.resolve({ load: 3 }),
      broken: () => { throw new Error("headset unplugged"); },
      refuses: () => Promise.reject(new Error("on a break")),
    };
    await deliver(h, { calls: [
      ask(1, "agent.free", 11, "ann"), ask(2, "agent.later", 12), ask(3, "agent.broken", 13), ask(4, "agent.refuses", 14),
      ask(5, "agent.missing", 15),
    ] });
    const req = await nextAnswers(h);
    assert.equal(req.body.ack, 5);
    assert.deepEqual(req.body.answers.sort((a, b) => a.id - b.id), [
      { id: 11, value: true }, { id: 12, value: { load: 3 } }, { id: 13, error: "headset unplugged" },
      { id: 14, error: "on a break" }, { id: 15, error: "Reverse call 5: agent.missing is not a function of this page" },
    ]);
    assert.deepEqual(h.reported, [], "an ask's failure is its answer, not a page error");
  });

  test.it("answers undefined as null and runs a repeated entry (and answers it) once", async () => {
    const h = createHarness();
    let runs = 0;
    h.win.tick = () => { runs++; };
    await deliver(h, { calls: [ask(1, "tick", 4)] });
    await deliver(h, { calls: [ask(1, "tick", 4)] });
    const req = await nextAnswers(h);
    assert.deepEqual(req.body.answers, [{ id: 4, value: null }]);
    assert.equal(runs, 1);
    await h.clock.advance(5000);
    assert.equal(h.sent("/ack").length, 1, "answered once");
  });

  test.it("sends answers again when their /ack fails on the way", async () => {
    const h = createHarness();
    h.win.f = () => 1;
    await deliver(h, { calls: [ask(1, "f", 2)] });
    await h.clock.advance(0);
    (await h.take("/ack")).failNetwork();
    await h.clock.advance(1000);
    const again = await h.take("/ack");
    assert.deepEqual(again.body.answers, [{ id: 2, value: 1 }]);
  });

  test.it("answers with the refusal when the server cannot take the answer (too large)", async () => {
    const h = createHarness();
    h.win.f = () => "x".repeat(100);
    await deliver(h, { calls: [ask(1, "f", 9)] });
    await h.clock.advance(0);
    (await h.take("/ack")).reply({ v: 1, error: { code: "PAYLOAD_TOO_LARGE", message: "too large" } }, 413);
    const refused = await nextAnswers(h);
    assert.deepEqual(refused.body.answers, [{ id: 9, error: "The server refused the answer (PAYLOAD_TOO_LARGE)" }]);
  });

  test.it("drops answers of a session that ended before they were sent", async () => {
    const h = createHarness();
    let resolve;
    h.win.f = () => new Promise((r) => { resolve = r; });
    await deliver(h, { calls: [ask(1, "f", 3)] });
    h.engine.stop();
    resolve(true);
    await h.clock.advance(0);
    assert.equal(h.sent("/ack").length, 0);
  });

  test.it("sends answers on the WebSocket as a numbered ack frame", async () => {
    const h = createHarness();
    h.handshake = handshakeBody({ reverse: { mode: "websocket", heartbeatMillis: 15000, ackIntervalMillis: 1000 } });
    await h.engine.start();
    const ws = await h.socket();
    ws.accept();
    ws.line({ v: 1, open: true });
    h.win.f = (x) => x * 2;
    ws.line({ reverse: { calls: [ask(1, "f", 5, 21)] } });
    await h.clock.advance(0);
    const acks = ws.frames("ack");
    assert.equal(acks.length, 1);
    assert.equal(acks[0].ack, 1);
    assert.equal(typeof acks[0].n, "number");
    assert.deepEqual(acks[0].answers, [{ id: 5, value: 42 }]);
    assert.equal(h.sent("/ack").length, 0);
    // The server could not take them: the ask is answered with why.
    ws.line({ n: acks[0].n, v: 1, error: { code: "PAYLOAD_TOO_LARGE", message: "too large" } });
    await h.clock.advance(0);
    assert.deepEqual(ws.frames("ack")[1].answers, [{ id: 5, error: "The server refused the answer (PAYLOAD_TOO_LARGE)" }]);
  });
});
