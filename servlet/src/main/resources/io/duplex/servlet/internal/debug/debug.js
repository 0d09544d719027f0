// The Duplex debug page: figures, open pages and services from state.json, refreshed every second;
// a form per exposed method calls it through the engine, as a page would. Every value from the
// server (page names and users are chosen by clients) is inserted as text, never as HTML.
"use strict";

const REFRESH_MILLIS = 1000;
const $ = (id) => document.getElementById(id);
let servicesShown = "";
let previousCalls = null;

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) node.append(child);
  return node;
}

function cell(text, numeric) {
  return el("td", { textContent: text === undefined || text === null ? "" : String(text), className: numeric ? "num" : "" });
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "";
}

function figureRows(m, rate) {
  const rows = [
    ["pages open", m.pagesOpen],
    ["held: streaming", m.held.streaming],
    ["held: long poll", m.held.longPoll],
    ["held: websocket", m.held.webSocket],
    ["queued entries", m.queues.entries],
    ["queued bytes", m.queues.bytes],
    ["deepest queue", m.queues.maxDepth],
    ["pages behind (resync pending)", m.queues.behind],
    ["pushes", m.pushes.pushes],
    ["pages reached", m.pushes.pagesReached],
    ["dropped", m.pushes.dropped],
    ["resyncs", m.pushes.resyncs],
    ["push-to-write: writes", m.pushToWrite.writes],
    ["push-to-write: mean ms", m.pushToWrite.meanMillis.toFixed(2)],
    ["push-to-write: max ms", m.pushToWrite.maxMillis.toFixed(2)],
    ["calls", m.calls.total],
    ["calls per second", rate === null ? "" : rate.toFixed(1)],
  ];
  for (const [method, count] of Object.entries(m.calls.byMethod)) rows.push(["calls: " + method, count]);
  for (const [code, count] of Object.entries(m.calls.errors)) rows.push(["call errors: " + code, count]);
  for (const [code, count] of Object.entries(m.refusals)) rows.push(["refused: " + code, count]);
  return rows;
}

function showFigures(m) {
  const now = performance.now();
  let rate = null;
  if (previousCalls) rate = (m.calls.total - previousCalls.total) * 1000 / Math.max(1, now - previousCalls.at);
  previousCalls = { total: m.calls.total, at: now };
  const body = $("figures").tBodies[0];
  body.replaceChildren(...figureRows(m, rate).map(([name, value]) => {
    const row = el("tr", {}, el("th", { textContent: name }), cell(value, true));
    row.dataset.figure = name;
    return row;
  }));
}

function showPages(state) {
  $("pages-count").textContent = state.metrics.pagesOpen > state.pagesListed
    ? `(${state.pagesListed} of ${state.metrics.pagesOpen} listed)` : `(${state.pagesListed})`;
  $("pages").tBodies[0].replaceChildren(...state.pages.map((p) => el("tr", { className: "page" },
    cell(p.page), cell(p.user), cell(p.transport), cell(p.queued, true), cell(p.queuedBytes, true),
    cell(time(p.openedAt)), cell(time(p.lastSeenAt)))));
}

function parseArgument(text) {
  // JSON when it parses (numbers, true, null, arrays, objects, "quoted"), else the text as a string.
  try {
    return JSON.parse(text);
  } catch (notJson) {
    return text;
  }
}

function methodForm(service, method) {
  const inputs = method.params.map((param) => el("input", {
    name: param, placeholder: param, title: "JSON, or plain text; type \"\" for an empty string",
  }));
  const output = el("output", {});
  const form = el("form", { className: "method" },
    el("span", { className: "name", textContent: method.name + "(" + method.params.join(", ") + ")" }),
    ...inputs, el("button", { type: "submit", textContent: "Call" }), output);
  form.dataset.method = service + "." + method.name;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    output.className = "";
    output.textContent = "…";
    try {
      // Empty trailing fields are left out, so a shorter overload can be called.
      const filled = inputs.map((input) => input.value);
      while (filled.length && filled[filled.length - 1] === "") filled.pop();
      const result = await globalThis[service][method.name](...filled.map(parseArgument));
      output.textContent = "→ " + (result === undefined ? "undefined" : JSON.stringify(result));
    } catch (err) {
      output.className = "error";
      output.textContent = "✗ " + (err && err.code ? err.code + ": " : "") + (err && err.message ? err.message : String(err));
    }
    refresh();
  });
  return form;
}

function showServices(services) {
  const signature = JSON.stringify(services);
  if (signature === servicesShown) return; // keep what the user typed
  servicesShown = signature;
  $("services").replaceChildren(...services.map((service) => {
    // The stub defines globalThis[name]: loaded as a script file from this origin, as the CSP allows.
    if (!globalThis[service.name]) {
      document.head.append(el("script", { src: "../interface/" + encodeURIComponent(service.name) + ".js" }));
    }
    return el("div", { className: "service" },
      el("h3", { textContent: service.name }),
      ...service.methods.map((method) => methodForm(service.name, method)));
  }));
}

async function refresh() {
  try {
    const response = await fetch("state.json", { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) throw new Error("state.json: HTTP " + response.status);
    const state = await response.json();
    $("mode").textContent = "Reverse Ajax: " + state.mode + ".";
    showFigures(state.metrics);
    showPages(state);
    showServices(state.services);
    $("updated").textContent = "Updated " + new Date().toLocaleTimeString() + ".";
  } catch (err) {
    $("updated").textContent = "Not updated: " + err.message;
  }
}

refresh();
setInterval(refresh, REFRESH_MILLIS);
