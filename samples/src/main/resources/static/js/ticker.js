// The clock and ticker. The server calls ticker.quotes and ticker.clock; this page registers them
// with duplex.expose instead of defining globals.
(() => {
  const { h } = samples;
  const $ = (id) => document.getElementById(id);
  const WINDOW_MILLIS = 5000;

  const arrivals = [];        // when each reverse call ran, for the rate over the last 5 s
  const rows = new Map();     // symbol -> {price, change, percent, tr, last}
  const counted = (fn) => (...args) => { arrivals.push(performance.now()); return fn(...args); };

  const signed = (n, digits = 2) => `${n > 0 ? "+" : ""}${n.toFixed(digits)}`;

  const rowFor = (symbol) => {
    let row = rows.get(symbol);
    if (!row) {
      row = {
        price: h("td", { class: "num price" }),
        change: h("td", { class: "num" }),
        percent: h("td", { class: "num" }),
        last: null,
      };
      row.tr = h("tr", { dataset: { symbol } }, h("th", { scope: "row", class: "symbol", text: symbol }), row.price, row.change, row.percent);
      rows.set(symbol, row);
      $("quotes").append(row.tr);
      $("no-quotes").hidden = true;
    }
    return row;
  };

  duplex.expose("ticker", {
    quotes: counted((quotes) => {
      for (const q of quotes) {
        const row = rowFor(q.symbol);
        if (row.last !== null && q.price !== row.last) {
          row.tr.classList.remove("up", "down");
          void row.tr.offsetWidth;  // restart the flash animation
          row.tr.classList.add(q.price > row.last ? "up" : "down");
        }
        row.last = q.price;
        row.price.textContent = q.price.toFixed(2);
        row.change.textContent = signed(q.change);
        row.percent.textContent = `${signed(q.changePercent)}%`;
        row.change.className = row.percent.className = `num ${q.change > 0 ? "gain" : q.change < 0 ? "loss" : ""}`;
      }
    }),
    clock: counted((serverTime) => {
      const t = new Date(serverTime);
      $("clock").textContent = t.toLocaleTimeString([], { hour12: false });
      $("clock").dateTime = serverTime;
      $("clock-date").textContent = t.toLocaleDateString([], { weekday: "long", year: "numeric", month: "long", day: "numeric" });
    }),
  });

  const opened = performance.now();
  setInterval(() => {
    const now = performance.now();
    while (arrivals.length && arrivals[0] < now - WINDOW_MILLIS) arrivals.shift();
    const seconds = Math.min(WINDOW_MILLIS, now - opened) / 1000;
    $("rate").textContent = seconds > 0.5 ? (arrivals.length / seconds).toFixed(1) : "…";
    $("received").textContent = String(duplex.stats.reverseCalls);
    $("transport").textContent = duplex.transport || "…";
    $("mode").textContent = duplex.mode || "…";
  }, 500);
  duplex.start();
})();
