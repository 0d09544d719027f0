"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHarness, handshakeBody, fakeWindow, settle, FakeClock, FakeBrowser } = require("./fake-env.js");

// The tabs of one site share one held connection (protocol 4.4 "pages", 4.6 join/leave): a Web Lock
// elects the tab that holds it, a BroadcastChannel carries each tab its calls.

const STREAMING = { mode: "comet", streaming: true, heartbeatMillis: 15000, ackIntervalMillis: 1000, share: true };
const WEBSOCKET = { mode: "websocket", heartbeatMillis: 15000, ackIntervalMillis: 1000, share: true };

async function quiet() {
  for (let i = 0; i < 6; i++) await settle();
}

/** `n` tabs of one browser, started in order (the first one leads); each runs app.n(x) into `ran`. */
async function site(n, reverse, workers = null) {
  const clock = new FakeClock();
  const browser = new FakeBrowser({ clock, workers });
  const tabs = [];
  for (let i = 1; i <= n; i++) {
    tabs.push(await openTab(clock, browser, "s" + i, reverse));
  }
  await clock.advance(0);
  await quiet();
  return { clock, browser, tabs };
}

async function openTab(clock, browser, session, reverse, noWebSocket = false) {
  const win = fakeWindow();
  const ran = [];
  win.app = { n: (x) => ran.push(x) };
  const tab = browser.tab();
  const h = createHarness({ clock, tab, global: win, noWebSocket });
  h.tab = tab;
  h.ran = ran;
  h.handshake = handshakeBody({ session, csrf: "t", reverse });
  await h.engine.start();
  await quiet();
  return h;
}

function calls(...xs) {
  return { calls: xs.map(([seq, x]) => ({ seq, fn: "app.n", args: [x] })) };
}

test.describe("tabs sharing one held connection", () => {
  test.it("streaming: the first tab opens one request carrying the others' pages and passes each its calls", async () => {
    const { clock, tabs } = await site(3, STREAMING);
    const [leader, second, third] = tabs;
    assert.equal(leader.engine.shared, "leader");
    assert.equal(second.engine.shared, "follower");
    assert.equal(third.engine.shared, "follower");
    // The first request went out before the others joined: a newer one, listing them, replaces it.
    const req = await leader.take("/reverse");
    assert.deepEqual(req.body.pages, [
      { session: "s2", csrf: "t", ack: 0 }, { session: "s3", csrf: "t", ack: 0 },
    ]);
    assert.equal(leader.open("/reverse").length, 0, "one request held");
    assert.equal(second.sent("/reverse").length + third.sent("/reverse").length, 0, "the others hold none");
    const stream = req.openStream();
    stream.line({ v: 1, open: true });
    stream.line({ reverse: calls([1, "own"]) });
    stream.line({ s: "s2", reverse: calls([1, "two-1"], [2, "two-2"]) });
    stream.line({ s: "s3", reverse: calls([1, "three-1"]) });
    stream.line({ s: "s9", reverse: calls([1, "nobody's"]) });
    await quiet();
    assert.deepEqual(leader.ran, ["own"]);
    assert.deepEqual(second.ran, ["two-1", "two-2"]);
    assert.deepEqual(third.ran, ["three-1"]);
    // Each tab acknowledges its own page.
    await clock.advance(1000);
    const acks = [second, third].map((h) => h.take("/ack"));
    assert.deepEqual((await acks[0]).body, { v: 1, session: "s2", csrf: "t", ack: 2 });
    assert.deepEqual((await acks[1]).body, { v: 1, session: "s3", csrf: "t", ack: 1 });
  });

  test.it("streaming: when the leader closes, the next tab opens the connection with every tab's ack; nothing runs twice", async () => {
    const { clock, tabs } = await site(3, STREAMING);
    const [leader, second, third] = tabs;
    const stream = (await leader.take("/reverse")).openStream();
    stream.line({ v: 1, open: true });
    stream.line({ s: "s2", reverse: calls([1, "a"]) });
    stream.line({ s: "s3", reverse: calls([1, "b"]) });
    await quiet();
    leader.engine.stop();
    await clock.advance(0);
    await quiet();
    assert.equal(second.engine.shared, "leader");
    assert.equal(third.engine.shared, "follower");
    const req = await second.take("/reverse");
    assert.equal(req.body.session, "s2");
    assert.equal(req.body.ack, 1, "its own ack");
    assert.deepEqual(req.body.pages, [{ session: "s3", csrf: "t", ack: 1 }], "the other tab's ack");
    const next = req.openStream();
    next.line({ v: 1, open: true });
    // Sent again what the old leader may not have passed on: run once only.
    next.line({ s: "s3", reverse: calls([1, "b"], [2, "c"]) });
    next.line({ reverse: calls([1, "a"], [2, "d"]) });
    await quiet();
    assert.deepEqual(second.ran, ["a", "d"]);
    assert.deepEqual(third.ran, ["b", "c"]);
  });

  test.it("websocket: the socket carries the tabs, joins a tab that opens later, leaves tabs that close or crash", async () => {
    const { clock, browser, tabs } = await site(3, WEBSOCKET);
    const [leader, second, third] = tabs;
    const ws = await leader.socket();
    ws.accept();
    assert.deepEqual(ws.sent[0].pages, [{ session: "s2", csrf: "t", ack: 0 }, { session: "s3", csrf: "t", ack: 0 }]);
    ws.line({ v: 1, open: true });
    ws.line({ s: "s2", reverse: calls([1, "x"]) }, { reverse: calls([1, "y"]) });
    await quiet();
    assert.deepEqual(second.ran, ["x"]);
    assert.deepEqual(leader.ran, ["y"]);

    const fourth = await openTab(clock, browser, "s4", WEBSOCKET);
    await quiet();
    assert.deepEqual(ws.frames("join"), [{ v: 1, op: "join", session: "s4", csrf: "t", ack: 0 }]);
    assert.equal(fourth.sockets.length, 0, "no socket of its own");

    second.engine.stop();
    await quiet();
    third.tab.crash();
    await quiet();
    assert.deepEqual(ws.frames("leave").map((f) => f.session).sort(), ["s2", "s3"]);
    ws.line({ s: "s4", reverse: calls([1, "z"]) });
    await quiet();
    assert.deepEqual(fourth.ran, ["z"]);
    assert.equal(leader.sockets.length, 1, "the same socket all along");
  });

  test.it("websocket: when the leader crashes, the next tab opens a socket with the others' pages", async () => {
    const { clock, tabs } = await site(3, WEBSOCKET);
    const [leader, second, third] = tabs;
    const ws = await leader.socket();
    ws.accept();
    ws.line({ v: 1, open: true });
    ws.line({ s: "s3", reverse: calls([1, "p"]) });
    await quiet();
    leader.tab.crash();
    await clock.advance(0);
    await quiet();
    assert.equal(second.engine.shared, "leader");
    const next = await second.socket();
    next.accept();
    assert.equal(next.sent[0].session, "s2");
    assert.deepEqual(next.sent[0].pages, [{ session: "s3", csrf: "t", ack: 1 }]);
    next.line({ v: 1, open: true });
    next.line({ s: "s3", reverse: calls([2, "q"]) });
    await quiet();
    assert.deepEqual(third.ran, ["p", "q"]);
  });

  test.it("a carried page the server ended or refused starts a new session and joins with it", async () => {
    const { tabs } = await site(2, WEBSOCKET);
    const [leader, second] = tabs;
    const ws = await leader.socket();
    ws.accept();
    ws.line({ v: 1, open: true });
    const expired = second.events("expired");
    second.handshake = handshakeBody({ session: "s2b", csrf: "t", reverse: WEBSOCKET });
    ws.line({ s: "s2", close: "ended" });
    await quiet();
    assert.equal(expired.length, 1);
    assert.equal(second.engine.sessionId, "s2b");
    assert.deepEqual(ws.frames("join"), [{ v: 1, op: "join", session: "s2b", csrf: "t", ack: 0 }]);
    assert.equal(ws.frames("leave").length, 0, "the ended page was dropped by the server already");
  });

  test.it("a follower that sees a gap asks for its calls again from its ack", async () => {
    const { tabs } = await site(2, WEBSOCKET);
    const [leader, second] = tabs;
    const ws = await leader.socket();
    ws.accept();
    ws.line({ v: 1, open: true });
    ws.line({ s: "s2", reverse: calls([1, "a"]) }, { s: "s2", reverse: calls([3, "c"]) });
    await quiet();
    assert.deepEqual(second.ran, ["a"]);
    assert.deepEqual(ws.frames("join"), [{ v: 1, op: "join", session: "s2", csrf: "t", ack: 1 }]);
  });

  test.it("a follower reports the transport of the leader's connection, fallback included", async () => {
    const clock = new FakeClock();
    const browser = new FakeBrowser();
    const leader = await openTab(clock, browser, "s1", WEBSOCKET, true);
    const follower = await openTab(clock, browser, "s2", WEBSOCKET);
    await quiet();
    assert.equal(leader.engine.transport, "streaming");
    assert.equal(follower.engine.shared, "follower");
    assert.equal(follower.engine.transport, "streaming");
    assert.equal(follower.engine.fallback, "this browser has no WebSocket");
    assert.equal(follower.sockets.length, 0);
  });

  test.it("a follower's status is the shared connection's: reconnecting when the leader's socket drops, online when it is back", async () => {
    const { clock, tabs } = await site(2, WEBSOCKET);
    const [leader, follower] = tabs;
    const ws = await leader.socket();
    ws.accept();
    ws.line({ v: 1, open: true });
    await quiet();
    assert.equal(leader.engine.status, "online");
    assert.equal(follower.engine.status, "online");
    const statuses = follower.events("status");

    ws.drop(1006);
    await quiet();
    assert.equal(leader.engine.status, "reconnecting");
    assert.equal(follower.engine.status, "reconnecting", "the follower's page gets no calls either");
    // Its own calls still go over HTTP; they say nothing of the connection its calls arrive by.
    const done = follower.engine.call("S", "a", []);
    const req = await follower.take("/call");
    req.reply({ v: 1, results: [{ id: req.body.calls[0].id, value: 1 }] });
    assert.equal(await done, 1);
    await quiet();
    assert.equal(follower.engine.status, "reconnecting");

    await clock.advance(30000);
    await quiet();
    const again = await leader.socket();
    assert.notEqual(again, ws);
    again.accept();
    again.line({ v: 1, open: true });
    await quiet();
    assert.equal(follower.engine.status, "online");
    assert.deepEqual(statuses, ["reconnecting", "online"]);
  });

  test.it("with shareConnection off (or no Web Locks) every tab holds its own connection", async () => {
    const { tabs } = await site(2, Object.assign({}, STREAMING, { share: false }));
    for (const h of tabs) {
      assert.equal(h.engine.shared, null);
      const req = await h.take("/reverse");
      assert.equal(req.body.pages, undefined);
    }
  });
});

const LONGPOLL = { mode: "comet", streaming: false, heartbeatMillis: 15000, ackIntervalMillis: 1000, share: true };

test.describe("tabs sharing one held connection through the site's SharedWorker", () => {
  test.it("streaming: the worker holds one request for every tab's page and passes each tab its own calls", async () => {
    const { clock, browser, tabs } = await site(3, STREAMING, "run");
    const hub = browser.hub();
    assert.equal(hub.url, "/duplex/engine.js", "the engine script is the worker's");
    assert.equal(hub.name, "duplex /duplex");
    for (const h of tabs) assert.equal(h.engine.shared, "worker");
    // The first tab's page is the connection's own; a newer request lists the others.
    const req = await hub.take("/reverse");
    assert.equal(req.body.session, "s1");
    assert.deepEqual(req.body.pages, [{ session: "s2", csrf: "t", ack: 0 }, { session: "s3", csrf: "t", ack: 0 }]);
    assert.equal(hub.open("/reverse").length, 0, "one request held");
    for (const h of tabs) assert.equal(h.sent("/reverse").length, 0, "no tab holds one");
    const stream = req.openStream();
    stream.line({ v: 1, open: true });
    stream.line({ reverse: calls([1, "one-1"]) });
    stream.line({ s: "s2", reverse: calls([1, "two-1"], [2, "two-2"]) });
    stream.line({ s: "s3", reverse: calls([1, "three-1"]) });
    stream.line({ s: "s9", reverse: calls([1, "nobody's"]) });
    await quiet();
    assert.deepEqual(tabs.map((h) => h.ran), [["one-1"], ["two-1", "two-2"], ["three-1"]]);
    for (const h of tabs) {
      assert.equal(h.engine.status, "online");
      assert.equal(h.engine.transport, "streaming");
    }
    // Each tab acknowledges its own page; the worker acknowledges none.
    await clock.advance(1000);
    const acks = await Promise.all(tabs.map((h) => h.take("/ack")));
    assert.deepEqual(acks.map((a) => [a.body.session, a.body.ack]), [["s1", 1], ["s2", 2], ["s3", 1]]);
    assert.equal(hub.sent("/ack").length, 0);
  });

  test.it("long poll: when the owning tab closes, the worker asks again with the next tab's page as its own and every ack", async () => {
    const { clock, browser, tabs } = await site(3, LONGPOLL, "run");
    const hub = browser.hub();
    const [first, second, third] = tabs;
    const req = await hub.take("/reverse");
    req.reply({ v: 1, reverse: calls([1, "a1"]), pages: [{ s: "s2", reverse: calls([1, "b1"]) }, { s: "s3", reverse: calls([1, "c1"], [2, "c2"]) }] });
    await quiet();
    const again = await hub.take("/reverse");
    assert.equal(again.body.session, "s1");
    first.engine.stop();
    await clock.advance(0);
    await quiet();
    assert.ok(again.aborted, "the owner's request is given up");
    const next = await hub.take("/reverse");
    assert.equal(next.body.session, "s2", "the next tab's page owns the connection");
    assert.equal(next.body.ack, 1);
    assert.deepEqual(next.body.pages, [{ session: "s3", csrf: "t", ack: 2 }]);
    assert.ok(next.body.conn > again.body.conn, "numbered after the worker's earlier requests");
    // What the old request may have passed on is sent again: it runs once.
    next.reply({ v: 1, reverse: calls([1, "b1"], [2, "b2"]), pages: [{ s: "s3", reverse: calls([2, "c2"], [3, "c3"]) }] });
    await quiet();
    assert.deepEqual(second.ran, ["b1", "b2"]);
    assert.deepEqual(third.ran, ["c1", "c2", "c3"]);
    assert.deepEqual(first.ran, ["a1"]);
    for (const h of [second, third]) assert.equal(h.sent("/reverse").length, 0);
  });

  test.it("websocket: the worker's socket joins and leaves tabs; a crashed owner tab is found by its lock", async () => {
    const { clock, browser, tabs } = await site(3, WEBSOCKET, "run");
    const hub = browser.hub();
    const [first, second, third] = tabs;
    const ws = await hub.socket();
    ws.accept();
    assert.equal(ws.sent[0].session, "s1");
    assert.deepEqual(ws.sent[0].pages, [{ session: "s2", csrf: "t", ack: 0 }, { session: "s3", csrf: "t", ack: 0 }]);
    ws.line({ v: 1, open: true });
    ws.line({ reverse: calls([1, "a"]) }, { s: "s3", reverse: calls([1, "c"]) });
    await quiet();
    assert.deepEqual([first.ran, third.ran], [["a"], ["c"]]);
    for (const h of tabs) assert.equal(h.engine.transport, "websocket");

    const fourth = await openTab(clock, browser, "s4", WEBSOCKET);
    await quiet();
    assert.equal(fourth.engine.shared, "worker");
    assert.deepEqual(ws.frames("join"), [{ v: 1, op: "join", session: "s4", csrf: "t", ack: 0 }]);
    third.engine.stop();
    await quiet();
    assert.deepEqual(ws.frames("leave"), [{ v: 1, op: "leave", session: "s3" }]);

    first.tab.crash();
    await clock.advance(0);
    await quiet();
    assert.ok(ws.closed, "the crashed tab's connection is closed");
    const next = await hub.socket();
    assert.notEqual(next, ws);
    next.accept();
    assert.equal(next.sent[0].session, "s2");
    assert.equal(next.sent[0].ack, 0);
    assert.deepEqual(next.sent[0].pages, [{ session: "s4", csrf: "t", ack: 0 }]);
    next.line({ v: 1, open: true });
    next.line({ reverse: calls([1, "b"]) }, { s: "s4", reverse: calls([1, "d"]) });
    await quiet();
    assert.deepEqual([second.ran, fourth.ran], [["b"], ["d"]]);
    for (const h of [first, second, third, fourth]) assert.equal(h.sockets.length, 0, "no tab opened a socket");
  });

  test.it("a tab that sees a gap has the worker send its calls again from its ack; the owner's on a new socket", async () => {
    const { browser, tabs } = await site(2, WEBSOCKET, "run");
    const hub = browser.hub();
    const [first, second] = tabs;
    const ws = await hub.socket();
    ws.accept();
    ws.line({ v: 1, open: true });
    ws.line({ s: "s2", reverse: calls([1, "a"]) }, { s: "s2", reverse: calls([3, "c"]) });
    await quiet();
    assert.deepEqual(second.ran, ["a"]);
    assert.deepEqual(ws.frames("join"), [{ v: 1, op: "join", session: "s2", csrf: "t", ack: 1 }]);
    ws.line({ reverse: calls([1, "x"]) }, { reverse: calls([3, "z"]) });
    await quiet();
    assert.deepEqual(first.ran, ["x"]);
    assert.ok(ws.closed);
    const next = await hub.socket();
    next.accept();
    assert.equal(next.sent[0].session, "s1");
    assert.equal(next.sent[0].ack, 1, "from what the owning tab ran");
  });

  test.it("the worker's websocket falling back to streaming, and going offline, is what every tab reports", async () => {
    const { clock, browser, tabs } = await site(2, WEBSOCKET, "run");
    const hub = browser.hub();
    const seen = tabs.map((h) => h.events("status"));
    (await hub.socket()).drop();
    await clock.advance(1000);
    (await hub.socket()).drop();
    await clock.advance(1000);
    await quiet();
    for (const h of tabs) {
      assert.equal(h.engine.transport, "streaming");
      assert.match(h.engine.fallback, /the WebSocket failed 2 times/);
    }
    assert.deepEqual(seen[1].filter((e) => Array.isArray(e)).map((e) => e[1].transport), ["streaming"]);
    for (let i = 0; i < 3; i++) {
      (await hub.take("/reverse")).failNetwork();
      await clock.advance(30000);
    }
    await quiet();
    for (const h of tabs) assert.equal(h.engine.status, "offline");
    const req = await hub.take("/reverse");
    req.openStream().line({ v: 1, open: true });
    await quiet();
    for (const h of tabs) assert.equal(h.engine.status, "online");
  });

  test.it("a page the server ended in the worker's connection starts a new one and joins with it", async () => {
    const { browser, tabs } = await site(2, WEBSOCKET, "run");
    const hub = browser.hub();
    const [first, second] = tabs;
    const ws = await hub.socket();
    ws.accept();
    ws.line({ v: 1, open: true });
    const expired = first.events("expired");
    first.handshake = handshakeBody({ session: "s1b", csrf: "t", reverse: WEBSOCKET });
    // The owning page ended: its tab starts a new page, the worker reopens with the next tab's.
    ws.line({ close: "ended" });
    await quiet();
    assert.equal(expired.length, 1);
    assert.equal(first.engine.sessionId, "s1b");
    const next = await hub.socket();
    next.accept();
    assert.equal(next.sent[0].session, "s2");
    const carried = next.sent[0].pages || [];
    const joined = next.frames("join");
    assert.deepEqual(carried.concat(joined.map((f) => ({ session: f.session, csrf: f.csrf, ack: f.ack }))),
      [{ session: "s1b", csrf: "t", ack: 0 }]);
    assert.equal(second.engine.sessionId, "s2");
  });

  test.it("when the worker dies (its lock comes free), the tabs elect a leader that opens with every tab's ack", async () => {
    const { clock, browser, tabs } = await site(3, STREAMING, "run");
    const hub = browser.hub();
    const [first, second, third] = tabs;
    const stream = (await hub.take("/reverse")).openStream();
    stream.line({ v: 1, open: true });
    stream.line({ reverse: calls([1, "a1"]) });
    stream.line({ s: "s2", reverse: calls([1, "b1"]) });
    stream.line({ s: "s3", reverse: calls([1, "c1"], [2, "c2"]) });
    await quiet();
    hub.scope.crash();
    await clock.advance(0);
    await quiet();
    assert.deepEqual(tabs.map((h) => h.engine.shared), ["leader", "follower", "follower"]);
    let req = await first.take("/reverse");
    if (!req.body.pages || req.body.pages.length < 2) req = await first.take("/reverse");
    assert.equal(req.body.ack, 1);
    assert.deepEqual(req.body.pages, [{ session: "s2", csrf: "t", ack: 1 }, { session: "s3", csrf: "t", ack: 2 }]);
    const next = req.openStream();
    next.line({ v: 1, open: true });
    next.line({ s: "s3", reverse: calls([2, "c2"], [3, "c3"]) });
    next.line({ reverse: calls([1, "a1"], [2, "a2"]) });
    await quiet();
    assert.deepEqual([first.ran, second.ran, third.ran], [["a1", "a2"], ["b1"], ["c1", "c2", "c3"]]);
  });

  test.it("a worker slow to get its lock says hello first all the same; the tabs' joins wait for it", async () => {
    const clock = new FakeClock();
    const browser = new FakeBrowser({ clock, workers: "run" });
    let release = null;
    browser.tab().locks.request("duplex /duplex worker", {}, () => new Promise((r) => { release = r; }));
    await quiet();
    const tabs = [await openTab(clock, browser, "s1", STREAMING), await openTab(clock, browser, "s2", STREAMING)];
    assert.equal(browser.hub().sent("/reverse").length, 0, "nothing before the worker holds its lock");
    release();
    await clock.advance(0);
    await quiet();
    assert.deepEqual(tabs.map((h) => h.engine.shared), ["worker", "worker"]);
    let req = await browser.hub().take("/reverse");
    if (!req.body.pages) req = await browser.hub().take("/reverse");
    assert.equal(req.body.session, "s1");
    assert.deepEqual(req.body.pages, [{ session: "s2", csrf: "t", ack: 0 }]);
  });

  test.it("without BroadcastChannel the worker still carries the tabs; if it fails, each tab holds its own connection", async () => {
    for (const workers of ["run", "fail", "throw"]) {
      const clock = new FakeClock();
      const browser = new FakeBrowser({ clock, workers });
      const tabs = [];
      for (const session of ["s1", "s2"]) {
        const h = createHarness({ clock, tab: browser.tab(), global: fakeWindow(), noChannel: true });
        h.handshake = handshakeBody({ session, csrf: "t", reverse: STREAMING });
        await h.engine.start();
        await quiet();
        tabs.push(h);
      }
      await clock.advance(0);
      await quiet();
      if (workers === "run") {
        assert.deepEqual(tabs.map((h) => h.engine.shared), ["worker", "worker"]);
        assert.deepEqual(tabs.map((h) => h.sent("/reverse").length), [0, 0]);
        assert.ok(browser.hub().sent("/reverse").length > 0);
      } else {
        assert.deepEqual(tabs.map((h) => h.engine.shared), [null, null]);
        for (const h of tabs) assert.equal((await h.take("/reverse")).body.pages, undefined);
      }
    }
  });

  for (const failure of ["fail", "throw", "silent", "other", "lingering"]) {
    test.it("a worker that " + ({
      fail: "fires an error (404, CSP)", throw: "cannot be made", silent: "never answers", other: "runs another engine version",
      lingering: "failed for the first tab and stays silent for the next",
    })[failure]
      + " leaves the tabs to the Web Lock leader", async () => {
      const { clock, browser, tabs } = await site(3, STREAMING, failure);
      if (failure === "silent") {
        await clock.advance(10000);
        await quiet();
      }
      assert.deepEqual(tabs.map((h) => h.engine.shared), ["leader", "follower", "follower"]);
      assert.equal(browser.hubs.size, 0);
      let req = await tabs[0].take("/reverse");
      if (!req.body.pages || req.body.pages.length < 2) req = await tabs[0].take("/reverse");
      assert.deepEqual(req.body.pages.map((p) => p.session), ["s2", "s3"]);
      const stream = req.openStream();
      stream.line({ v: 1, open: true });
      stream.line({ s: "s3", reverse: calls([1, "c"]) });
      await quiet();
      assert.deepEqual(tabs[2].ran, ["c"]);
    });
  }
});
