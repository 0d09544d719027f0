// Shows the engine's connection state (online / reconnecting / offline) in the header badge.
(() => {
  const badge = document.getElementById("status");
  if (!badge || !globalThis.duplex) return;
  const show = () => {
    const mode = duplex.transport ? ` · ${duplex.transport}` : "";
    badge.textContent = duplex.status + mode;
    badge.dataset.state = duplex.status;
  };
  duplex.on("status", show);
  show();
})();
