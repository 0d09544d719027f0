// Shared by the demo pages: DOM building without innerHTML, keeping a page's state fresh, and the
// piggyback heartbeat.
(() => {
  /**
   * Builds an element. Text goes in through textContent / text nodes only, so user input (chat
   * messages, nicknames) can never become markup.
   */
  const h = (tag, props = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) el.append(child);
    }
    return el;
  };

  const errorText = (err) => (err && err.code ? `${err.message} (${err.code})` : String(err && err.message || err));

  /** "m:ss" or "h:mm:ss" for a duration in milliseconds. */
  const duration = (ms) => {
    const total = Math.max(0, Math.floor(ms / 1000));
    const s = String(total % 60).padStart(2, "0");
    const m = Math.floor(total / 60) % 60;
    const hours = Math.floor(total / 3600);
    return hours > 0 ? `${hours}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  };

  /**
   * Runs load() once the engine is up, and again whenever what the page shows may be incomplete:
   * after a resync (the server dropped queued calls for this page) and after the session expired
   * (a new session starts empty, e.g. without the chat nickname).
   */
  const keepFresh = (load) => {
    const run = () => Promise.resolve().then(load).catch((err) => console.warn("reload failed:", errorText(err)));
    duplex.on("resync", run);
    duplex.on("expired", () => setTimeout(run, 0));
    return duplex.start().then(run);
  };

  // Piggyback mode delivers reverse calls only on call responses: a page that makes no calls would
  // never hear from the server. So in that mode (and only then) each page makes a light call when it
  // has made no other request for a second.
  const HEARTBEAT_MILLIS = 1000;
  const heartbeat = () => {
    let seen = -1;
    const beat = () => {
      const requests = duplex.stats.requests;
      const quiet = requests === seen;
      seen = requests;
      const next = () => setTimeout(beat, HEARTBEAT_MILLIS);
      if (quiet) Samples.ping().catch(() => {}).finally(() => { seen = duplex.stats.requests; next(); });
      else next();
    };
    beat();
  };
  duplex.start().then(() => {
    if (duplex.mode === "piggyback" && globalThis.Samples) heartbeat();
  }, () => {});

  globalThis.samples = { h, errorText, duration, keepFresh };
})();
