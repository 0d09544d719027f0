// Shared by a.html and b.html: shows in the page what reverse calls deliver, and reports the
// delivery mode the server announced. No inline script: the pages run under script-src 'self'.
(() => {
  "use strict";
  const shown = document.getElementById("shown");
  const seqCount = document.getElementById("seq-count");
  const seqs = [];
  let pinger = null;

  globalThis.probe = {
    // Strings as they are; anything else as JSON, so the test sees exactly what arrived.
    show(value) {
      const item = document.createElement("li");
      item.textContent = typeof value === "string" ? value : JSON.stringify(value);
      shown.appendChild(item);
    },
    seq(n) {
      seqs.push(n);
      seqCount.textContent = String(seqs.length);
    },
    seqs() {
      return seqs.slice();
    },
    // A large text is summed up rather than shown: its length and Java's String.hashCode.
    digest(text) {
      let hash = 0;
      for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
      probe.show("digest " + text.length + " " + hash);
    },
    // Hands the server a function it keeps and calls back later.
    rememberGreeting() {
      return Probe.remember((text) => probe.show("fn:" + text));
    },
  };

  function showState() {
    document.getElementById("mode").textContent = duplex.mode || "";
    document.getElementById("transport").textContent = duplex.transport || "";
    const status = document.getElementById("status");
    status.textContent = duplex.status;
    status.dataset.state = duplex.status;
    // Piggyback delivers only on call responses: a light periodic call brings what is queued.
    if (duplex.mode === "piggyback" && pinger === null) {
      pinger = setInterval(() => Probe.ping().catch(() => {}), 200);
    }
  }

  // The engine ends the session on pagehide; a later ping would open a new one.
  addEventListener("pagehide", () => {
    clearInterval(pinger);
    pinger = null;
  });
  // Back from the back/forward cache, with what the page showed before it was left.
  addEventListener("pageshow", (event) => {
    if (event.persisted) probe.show("restored");
  });
  duplex.on("status", showState);
  showState();
})();
