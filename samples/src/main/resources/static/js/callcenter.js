// The call center. The server calls callCenter.callerArrived and callCenter.callerLeft through
// CallCenterPage, and asks callCenter.isFree() (the return value is this page's answer) before it
// rings a new caller on the free agents' pages (callCenter.ring), through AgentPage. Waiting times are computed here from each caller's arrival time (corrected by the
// server clock's offset), so the server pushes only when callers arrive or leave, not every second.
(() => {
  const { h, errorText, duration, keepFresh } = samples;
  const $ = (id) => document.getElementById(id);
  const AGENT_KEY = "duplex.samples.agent";

  const rows = new Map();   // caller id -> {caller, tr, waited}
  let version = -1;         // the queue version the table shows
  let loading = false;      // while a snapshot is on its way, pushes wait in `pending`
  let pending = [];
  let skew = 0;             // server clock minus this browser's clock, in ms
  let onCall = null;        // the call this agent answered
  const ringing = new Set(); // callers that rang on this page

  const waitedText = (caller) => duration(Date.now() + skew - Date.parse(caller.arrivedAt));

  const render = () => {
    const sorted = [...rows.values()].sort((a, b) => Date.parse(a.caller.arrivedAt) - Date.parse(b.caller.arrivedAt) || a.caller.id - b.caller.id);
    $("caller-rows").replaceChildren(...sorted.map((row) => row.tr));
    $("waiting-count").textContent = String(rows.size);
    $("no-callers").hidden = rows.size > 0;
    updateButtons();
  };

  const updateButtons = () => {
    for (const row of rows.values()) row.button.disabled = onCall !== null;
  };

  const addRow = (caller) => {
    if (rows.has(caller.id)) return;
    const waited = h("td", { class: "waited", text: waitedText(caller) });
    const button = h("button", { type: "button", class: "small", text: "Answer", onclick: () => claim(caller.id) });
    const tr = h("tr", { dataset: { id: caller.id } },
      waited,
      h("td", { class: "number", text: caller.number }),
      h("td", { class: caller.name ? "name" : "name muted", text: caller.name || "?" }),
      h("td", { class: "actions" }, button));
    if (ringing.has(caller.id)) tr.dataset.ringing = "true";
    rows.set(caller.id, { caller, tr, waited, button });
  };

  const apply = (event) => {
    if (loading) {
      pending.push(event);
      return;
    }
    if (event.version <= version) return;
    if (event.version > version + 1) {
      // A change is missing: made by another server sharing this queue, its push still on its way.
      // The snapshot has it; this event is applied after the snapshot (or skipped if it has it too).
      load();
      pending.push(event);
      return;
    }
    version = event.version;
    if (event.arrived) addRow(event.arrived);
    else {
      rows.delete(event.left.id);
      ringing.delete(event.left.id);
    }
    render();
  };

  globalThis.callCenter = {
    callerArrived: (caller) => apply({ version: caller.version, arrived: caller }),
    callerLeft: (left) => apply({ version: left.version, left }),
    // Asked before each new caller rings: this agent is free unless on a call.
    isFree: () => onCall === null,
    ring: (ring) => {
      ringing.add(ring.callerId);
      const row = rows.get(ring.callerId);
      if (row) row.tr.dataset.ringing = "true";
      $("ring-note").textContent =
        `A new caller rang here: ${ring.free} of ${ring.agents} agent ${ring.agents === 1 ? "page" : "pages"} answered that their agent is free.`;
    },
  };

  const load = async () => {
    loading = true;
    pending = [];
    try {
      const snapshot = await CallCenter.waiting();
      skew = Date.parse(snapshot.serverNow) - Date.now();
      rows.clear();
      snapshot.callers.forEach(addRow);
      version = snapshot.version;
    } finally {
      loading = false;
    }
    const later = pending;
    pending = [];
    later.forEach(apply);
    render();
  };

  const showCall = (call) => {
    onCall = call;
    const form = $("call-form");
    form.dataset.id = String(call.id);
    form.elements.phone.value = call.caller.number;
    form.elements.name.value = call.caller.name || "";
    form.elements.address.value = call.caller.address;
    form.elements.event.value = call.caller.event;
    form.elements.payment.value = call.caller.payment;
    form.elements.notes.value = call.caller.notes;
    $("call-meta").textContent =
      `Answered by ${call.agent} after ${duration(Date.parse(call.answeredAt) - Date.parse(call.arrivedAt))} waiting`;
    form.hidden = false;
    $("idle").hidden = true;
    form.elements.name.focus();
    updateButtons();
  };

  /** Answers a caller; also reachable as agentDesk.claim(id) for a second agent racing the first. */
  const claim = async (callerId) => {
    $("claim-error").textContent = "";
    delete $("claim-error").dataset.code;
    try {
      showCall(await CallCenter.claim(callerId, $("agent").value));
    } catch (err) {
      $("claim-error").textContent = errorText(err);
      $("claim-error").dataset.code = err.code || "";
    }
  };
  globalThis.agentDesk = { claim };

  $("call-form").addEventListener("submit", (event) => {
    event.preventDefault();
    onCall = null;
    $("call-form").hidden = true;
    $("idle").hidden = false;
    updateButtons();
  });

  const agent = $("agent");
  agent.value = localStorage.getItem(AGENT_KEY) || `Agent ${Math.floor(100 + Math.random() * 900)}`;
  agent.addEventListener("change", () => localStorage.setItem(AGENT_KEY, agent.value));

  setInterval(() => {
    for (const row of rows.values()) row.waited.textContent = waitedText(row.caller);
  }, 1000);
  keepFresh(load);
})();
