"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHarness, handshakeBody, settle } = require("./fake-env.js");

function ok(req) {
  return { v: 1, results: req.body.calls.map((c) => ({ id: c.id })) };
}

/** Answers the next /call, which must hold exactly these engine calls, with success. */
async function expectEngineCalls(h, ...expected) {
  const req = await h.take("/call");
  assert.deepEqual(req.body.calls.map((c) => [c.service, c.method, ...c.args]), expected);
  return req;
}

test.describe("topics: duplex.subscribe and duplex.unsubscribe (protocol 4.8)", () => {
  test.it("subscribes through the reserved service and runs every callback with each message, in seq order", async () => {
    const h = createHarness();
    const seen = [];
    const a = h.engine.subscribe("prices", (m, topic) => seen.push(["a", m, topic]));
    const b = h.engine.subscribe("prices", (m) => seen.push(["b", m]));
    assert.equal(a.topic, "prices");
    const req = await expectEngineCalls(h, ["duplex", "subscribe", "prices"]);
    h.win.other = (x) => seen.push(["fn", x]);
    req.reply(Object.assign(ok(req), {
      reverse: { calls: [{ seq: 1, topic: "prices", message: { p: 1 } }, { seq: 2, fn: "other", args: [2] },
        { seq: 3, topic: "prices", message: 3 }, { seq: 4, topic: "news", message: "nobody" }] },
    }));
    await a;
    await b;
    assert.deepEqual(seen, [["a", { p: 1 }, "prices"], ["b", { p: 1 }], ["fn", 2], ["a", 3, "prices"], ["b", 3]]);
    assert.equal(h.engine.stats.reverseCalls, 4);
  });

  test.it("a refused subscription rejects with the server's code and keeps no callback", async () => {
    const h = createHarness();
    const errors = h.events("error");
    const seen = [];
    const sub = h.engine.subscribe("secret", (m) => seen.push(m));
    const req = await h.take("/call");
    req.reply({ v: 1, results: [{ id: req.body.calls[0].id, error: { code: "SUBSCRIPTION_REFUSED", message: "no" } }],
      reverse: { calls: [{ seq: 1, topic: "secret", message: "leak?" }] } });
    await assert.rejects(sub, { code: "SUBSCRIPTION_REFUSED" });
    assert.equal(errors.length, 1);
    // Asking again asks the server again.
    h.engine.subscribe("secret", () => {}).catch(() => {});
    await expectEngineCalls(h, ["duplex", "subscribe", "secret"]);
  });

  test.it("the last callback's unsubscribe tells the server, after its subscribe", async () => {
    const h = createHarness();
    const seen = [];
    const f = (m) => seen.push(["f", m]);
    const sub = h.engine.subscribe("prices", f);
    const g = h.engine.subscribe("prices", (m) => seen.push(["g", m]));
    const first = await expectEngineCalls(h, ["duplex", "subscribe", "prices"]);
    first.reply(ok(first));
    await sub;
    await sub.unsubscribe();
    assert.equal(h.requests.length, 0, "another callback still listens: nothing sent");
    const done = g.unsubscribe();
    const req = await expectEngineCalls(h, ["duplex", "unsubscribe", "prices"]);
    req.reply(Object.assign(ok(req), { reverse: { calls: [{ seq: 1, topic: "prices", message: "late" }] } }));
    await done;
    assert.deepEqual(seen, [], "a message after unsubscribing runs nothing");
  });

  test.it("duplex.unsubscribe(topic) removes every callback; one sent while subscribing waits for it", async () => {
    const h = createHarness();
    h.engine.subscribe("prices", () => {});
    h.engine.subscribe("prices", () => {});
    const done = h.engine.unsubscribe("prices");
    const first = await expectEngineCalls(h, ["duplex", "subscribe", "prices"]);
    assert.equal(h.requests.length, 0, "unsubscribe waits for the subscribe's answer");
    first.reply(ok(first));
    const second = await expectEngineCalls(h, ["duplex", "unsubscribe", "prices"]);
    second.reply(ok(second));
    await done;
  });

  test.it("after expired the new session subscribes again to every topic", async () => {
    const h = createHarness();
    h.handshake = (n) => handshakeBody({ session: "s" + n });
    const seen = [];
    const sub = h.engine.subscribe("prices", (m) => seen.push(m));
    h.engine.subscribe("news", () => {});
    const first = await expectEngineCalls(h, ["duplex", "subscribe", "prices"], ["duplex", "subscribe", "news"]);
    first.reply(ok(first));
    await sub;
    const p = h.engine.call("S", "a", []);
    (await h.take("/call")).reply({ v: 1, error: { code: "SESSION_UNKNOWN", message: "gone" } }, 410);
    await settle();
    const calls = [];
    while (h.requests.length > 0) {
      const req = await h.take("/call");
      assert.equal(req.body.session, "s2");
      calls.push(...req.body.calls.map((c) => c.service + "." + c.method + (c.args[0] ? ":" + c.args[0] : "")));
      req.reply(Object.assign(ok(req), { reverse: { calls: [{ seq: 1, topic: "prices", message: "again" }] } }));
      await settle();
    }
    await p;
    assert.deepEqual(calls.sort(), ["S.a", "duplex.subscribe:news", "duplex.subscribe:prices"]);
    assert.deepEqual(seen, ["again"]);
  });

  test.it("refuses a missing topic or callback at once", () => {
    const h = createHarness();
    assert.throws(() => h.engine.subscribe("", () => {}), TypeError);
    assert.throws(() => h.engine.subscribe("prices"), TypeError);
  });
});
