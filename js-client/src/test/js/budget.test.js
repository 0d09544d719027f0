"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHarness, handshakeBody, settle } = require("./fake-env.js");

const STREAMING = { mode: "comet", streaming: true, pollIntervalMillis: 2000 };
const LONGPOLL = { mode: "comet", streaming: false, pollIntervalMillis: 2000 };

async function started(reverse) {
  const h = createHarness();
  h.handshake = handshakeBody({ reverse });
  await h.engine.start();
  return h;
}

test.describe("advice to poll (protocol 4.4)", () => {
  for (const [name, reverse] of [["streaming", STREAMING], ["longpoll", LONGPOLL]]) {
    test.it(name + ": runs what the unheld answer carries, polls every pollIntervalMillis, and goes back when held again", async () => {
      const h = await started(reverse);
      const seen = [];
      h.win.add = (x) => seen.push(x);
      (await h.take("/reverse")).reply({ v: 1, reverse: { calls: [{ seq: 1, fn: "add", args: [1] }] }, advice: "poll" });
      await settle();
      assert.deepEqual(seen, [1]);
      assert.equal(h.engine.transport, "polling");
      await h.clock.advance(1999);
      assert.equal(h.open("/reverse").length, 0, "waits the poll interval, not at once");
      await h.clock.advance(1);
      const second = await h.take("/reverse");
      assert.equal(second.body.ack, 1);
      // A slot is free again: the server holds this one.
      if (name === "streaming") {
        const ctl = second.openStream();
        ctl.line({ v: 1, open: true });
        ctl.line({ reverse: { calls: [{ seq: 2, fn: "add", args: [2] }] } });
      } else {
        second.reply({ v: 1, reverse: { calls: [{ seq: 2, fn: "add", args: [2] }] } });
      }
      await settle();
      assert.deepEqual(seen, [1, 2]);
      assert.equal(h.engine.transport, name);
      if (name === "longpoll") {
        await h.take("/reverse"); // posted again at once, no interval
      }
    });
  }
});

test.describe("SERVER_BUSY (protocol section 6)", () => {
  test.it("waits Retry-After plus jitter before the next handshake and reports status busy", async () => {
    const h = createHarness({ handshake: null });
    h.randomValue = 0.5;
    const statuses = h.events("status");
    const errors = h.events("error");
    let done = false;
    h.engine.start().then(() => { done = true; });
    (await h.take("/session")).reply(
      { v: 1, error: { code: "SERVER_BUSY", message: "Too many open pages" } }, 503,
      { "Content-Type": "application/json", "Retry-After": "15" });
    await settle();
    assert.equal(h.engine.status, "busy");
    assert.deepEqual(statuses, ["connecting", "busy"]);
    assert.equal(errors[0].code, "SERVER_BUSY");
    assert.equal(errors[0].retryAfter, 15000);
    // 15 s from Retry-After plus a jittered backoff (0.5 of the first 500 ms cap).
    await h.clock.advance(15249);
    assert.equal(h.open("/session").length, 0);
    await h.clock.advance(1);
    (await h.take("/session")).reply(handshakeBody());
    await settle();
    assert.equal(done, true);
    assert.equal(h.engine.status, "online");
  });

  test.it("backs off further on repeated refusals", async () => {
    const h = createHarness({ handshake: null });
    h.randomValue = 1;
    h.engine.start().catch(() => {});
    const busy = async () => (await h.take("/session")).reply(
      { v: 1, error: { code: "SERVER_BUSY", message: "busy" } }, 503,
      { "Content-Type": "application/json", "Retry-After": "2" });
    await busy();
    await h.clock.advance(2000 + 500);
    await busy();
    await h.clock.advance(2000 + 999);
    assert.equal(h.open("/session").length, 0, "second wait: Retry-After + up to 1 s");
    await h.clock.advance(1);
    await h.take("/session");
  });
});
