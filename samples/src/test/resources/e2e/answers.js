// The functions asks call (protocol 4.7): what each returns, or the Promise it returns, is the
// page's answer. No inline script: the page runs under script-src 'self'.
(() => {
  "use strict";
  let pinger = null;

  globalThis.answers = {
    echo: (value) => value,
    later: (value, millis) => new Promise((resolve) => setTimeout(() => resolve(value), millis)),
    fail(message) {
      throw new Error(message);
    },
    reject: (message) => new Promise((resolve, reject) => setTimeout(() => reject(new Error(message)), 10)),
    never: () => new Promise(() => {}),
    whoAmI: () => duplex.sessionId,
  };

  function showState() {
    document.getElementById("transport").textContent = duplex.transport || "";
    const status = document.getElementById("status");
    status.textContent = duplex.status;
    status.dataset.state = duplex.status;
    // Piggyback delivers only on call responses: a light periodic call brings what is queued.
    if (duplex.mode === "piggyback" && pinger === null) {
      pinger = setInterval(() => Probe.ping().catch(() => {}), 200);
    }
  }

  addEventListener("pagehide", () => {
    clearInterval(pinger);
    pinger = null;
  });
  duplex.on("status", showState);
  showState();
})();
