"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHarness, settle, fakeWindow } = require("./fake-env.js");

/** Makes a call and answers it with `reverse` piggybacked (piggyback mode: no transport runs). */
async function deliver(h, reverse) {
  const p = h.engine.call("S", "ping", []);
  const req = await h.take("/call");
  req.reply({ v: 1, results: [{ id: req.body.calls[0].id }], reverse });
  await p;
  return req;
}

function fn(seq, name, ...args) {
  return { seq, fn: name, args };
}

test.describe("reverse calls: order and exactly once", () => {
  test.it("runs entries in seq order and skips the ones already run", async () => {
    const h = createHarness();
    const seen = [];
    h.win.add = (x) => seen.push(x);
    await deliver(h, { calls: [fn(1, "add", "a"), fn(2, "add", "b")] });
    await deliver(h, { calls: [fn(2, "add", "b"), fn(3, "add", "c")] });
    assert.deepEqual(seen, ["a", "b", "c"]);
    assert.equal(h.engine.stats.reverseCalls, 3);
  });

  test.it("acknowledges the highest seq run on the next request", async () => {
    const h = createHarness();
    h.win.add = () => {};
    const first = await deliver(h, { calls: [fn(1, "add"), fn(2, "add")] });
    assert.equal(first.body.ack, 0);
    const second = await deliver(h, {});
    assert.equal(second.body.ack, 2);
  });

  test.it("stops reading at a gap and runs nothing past it", async () => {
    const h = createHarness();
    const seen = [];
    h.win.add = (x) => seen.push(x);
    await deliver(h, { calls: [fn(1, "add", 1), fn(3, "add", 3), fn(4, "add", 4)] });
    assert.deepEqual(seen, [1]);
    const next = await deliver(h, { calls: [fn(2, "add", 2), fn(3, "add", 3)] });
    assert.equal(next.body.ack, 1);
    assert.deepEqual(seen, [1, 2, 3]);
  });

  test.it("on resync jumps to next - 1, fires resync with dropped, then runs from next", async () => {
    const h = createHarness();
    const seen = [];
    const resyncs = h.events("resync");
    h.win.add = (x) => seen.push(x);
    await deliver(h, { calls: [fn(1, "add", 1)] });
    await deliver(h, { resync: { dropped: 5, next: 7 }, calls: [fn(7, "add", 7), fn(8, "add", 8)] });
    assert.deepEqual(seen, [1, 7, 8]);
    assert.deepEqual(resyncs, [{ dropped: 5 }]);
    // Still behind on the server, but the page already is past next - 1: no second event.
    const again = await deliver(h, { resync: { dropped: 5, next: 7 } });
    assert.equal(again.body.ack, 8);
    await deliver(h, {});
    assert.equal(resyncs.length, 1);
  });

  test.it("reports a throwing function and still runs the later entries", async () => {
    const h = createHarness();
    const seen = [];
    const handled = [];
    const events = h.events("reverseError");
    h.engine.configure({ reverseErrorHandler: (error, entry) => handled.push([error.message, entry.seq]) });
    h.win.boom = () => {
      throw new Error("kaput");
    };
    h.win.add = (x) => seen.push(x);
    await deliver(h, { calls: [fn(1, "boom"), fn(2, "add", "after")] });
    assert.deepEqual(seen, ["after"]);
    assert.deepEqual(handled, [["kaput", 1]]);
    assert.equal(events.length, 1);
    assert.equal(events[0].entry.seq, 1);
    assert.equal(events[0].error.message, "kaput");
  });

  test.it("reports a function whose promise rejects", async () => {
    const h = createHarness();
    const events = h.events("reverseError");
    h.win.later = () => Promise.reject(new Error("async kaput"));
    await deliver(h, { calls: [fn(1, "later")] });
    await settle();
    assert.equal(events.length, 1);
    assert.equal(events[0].error.message, "async kaput");
  });

  test.it("reports to the environment when the page registered no handler", async () => {
    const h = createHarness();
    await deliver(h, { calls: [fn(1, "missing.fn")] });
    assert.equal(h.reported.length, 1);
    assert.match(h.reported[0].message, /missing\.fn/);
  });
});

/** A document still parsing: its deferred scripts have not run yet. */
function loadingDocument(readyState = "loading") {
  const listeners = [];
  return {
    readyState,
    addEventListener(type, fn) {
      if (type === "DOMContentLoaded") listeners.push(fn);
    },
    parsed() {
      this.readyState = "interactive";
      for (const fn of listeners.splice(0)) fn({});
    },
  };
}

test.describe("reverse calls: page still loading", () => {
  test.it("parks calls until the document is parsed, then runs them in order, unacknowledged till then", async () => {
    const doc = loadingDocument();
    const h = createHarness({ global: fakeWindow({ document: doc }), config: { autoStart: false } });
    const seen = [];
    // The pushed function is defined by a deferred script that has not run yet.
    await deliver(h, { calls: [fn(1, "later", "a"), fn(2, "later", "b")] });
    const whileLoading = await deliver(h, {});
    assert.equal(whileLoading.body.ack, 0, "nothing ran, so nothing is acknowledged");
    assert.deepEqual(h.reported, [], "no 'not a function' report for a page that is still loading");

    h.win.later = (x) => seen.push(x);
    doc.parsed();
    await settle();
    assert.deepEqual(seen, ["a", "b"]);
    const after = await deliver(h, {});
    assert.equal(after.body.ack, 2);
  });

  test.it("also waits while readyState is already interactive but DOMContentLoaded has not fired", async () => {
    // The HTML spec sets "interactive" before running deferred scripts, and keeps the event loop
    // (fetch callbacks included) running while one of them downloads.
    const doc = loadingDocument("interactive");
    const h = createHarness({ global: fakeWindow({ document: doc }), config: { autoStart: false } });
    const seen = [];
    await deliver(h, { calls: [fn(1, "later", "a")] });
    assert.deepEqual(h.reported, []);
    h.win.later = (x) => seen.push(x);
    doc.parsed();
    await settle();
    assert.deepEqual(seen, ["a"]);
  });
});

test.describe("reverse calls: name lookup", () => {
  test.it("follows dotted names from the global, with this the holding object", async () => {
    const h = createHarness();
    let self = null;
    const seen = [];
    h.win.app = { chat: { add(...args) { self = this; seen.push(args); } } };
    await deliver(h, { calls: [fn(1, "app.chat.add", { from: "ann" }, 2)] });
    assert.equal(self, h.win.app.chat);
    assert.deepEqual(seen, [[{ from: "ann" }, 2]]);
  });

  test.it("reaches inherited methods", async () => {
    const h = createHarness();
    class Board {
      constructor() { this.items = []; }
      put(x) { this.items.push(x); }
    }
    h.win.board = new Board();
    await deliver(h, { calls: [fn(1, "board.put", "x")] });
    assert.deepEqual(h.win.board.items, ["x"]);
  });

  test.it("never follows __proto__, prototype or constructor", async () => {
    const h = createHarness();
    const errors = h.events("reverseError");
    let called = 0;
    const victim = function () { called++; };
    h.win.app = { run: victim };
    Object.prototype.polluted = victim; // reachable only through __proto__/constructor chains
    try {
      h.win.Thing = function Thing() {};
      h.win.Thing.prototype.hit = victim;
      await deliver(h, { calls: [
        fn(1, "app.__proto__.polluted"),
        fn(2, "Thing.prototype.hit"),
        fn(3, "app.constructor.prototype.polluted"),
        fn(4, "constructor"),
        fn(5, "app..run"),
        fn(6, "app.run"),
      ] });
    } finally {
      delete Object.prototype.polluted;
    }
    assert.equal(called, 1);
    assert.deepEqual(errors.map((e) => e.entry.seq), [1, 2, 3, 4, 5]);
  });

  test.it("reports a name that reaches something other than a function", async () => {
    const h = createHarness();
    const errors = h.events("reverseError");
    h.win.app = { title: "x" };
    await deliver(h, { calls: [fn(1, "app.title"), fn(2, "app.none.deeper"), fn(3, "nothing")] });
    assert.deepEqual(errors.map((e) => e.entry.seq), [1, 2, 3]);
    assert.ok(errors.every((e) => e.error instanceof TypeError));
  });

  test.it("looks up exposed functions before globals, also as the first segment of a dotted name", async () => {
    const h = createHarness();
    const seen = [];
    h.win.notify = () => seen.push("global");
    h.engine.expose("notify", (x) => seen.push("exposed " + x));
    const chat = { add(x) { seen.push("chat " + x + " " + (this === chat)); } };
    h.engine.expose("chat", chat);
    await deliver(h, { calls: [fn(1, "notify", 1), fn(2, "chat.add", 2)] });
    assert.deepEqual(seen, ["exposed 1", "chat 2 true"]);
    h.engine.expose("notify", null);
    await deliver(h, { calls: [fn(3, "notify")] });
    assert.deepEqual(seen.at(-1), "global");
  });
});

test.describe("reverse calls: function handles", () => {
  test.it("calls a function the page sent as an argument, until it is released", async () => {
    const h = createHarness();
    const errors = h.events("reverseError");
    const got = [];
    const p = h.engine.call("Chat", "subscribe", ["room", (x, y) => got.push([x, y])]);
    const req = await h.take("/call");
    const handle = req.body.calls[0].args[1].$fn;
    assert.match(handle, /^f\d+$/);
    req.reply({ v: 1, results: [{ id: req.body.calls[0].id }] });
    await p;

    await deliver(h, { calls: [{ seq: 1, handle, args: [1, 2] }, { seq: 2, handle, args: [3] }, { seq: 3, release: handle }] });
    assert.deepEqual(got, [[1, 2], [3, undefined]]);
    assert.equal(errors.length, 0);
    await deliver(h, { calls: [{ seq: 4, handle, args: [4] }] });
    assert.equal(got.length, 2);
    assert.equal(errors.length, 1);
    assert.match(errors[0].error.message, new RegExp(handle));
  });

  test.it("gives each function argument its own handle", async () => {
    const h = createHarness();
    const f = () => {};
    h.engine.call("S", "m", [f, f, 1]).catch(() => {});
    const req = await h.take("/call");
    const [a, b, c] = req.body.calls[0].args;
    assert.notEqual(a.$fn, b.$fn);
    assert.equal(c, 1);
  });
});
