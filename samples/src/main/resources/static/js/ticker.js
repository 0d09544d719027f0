// The clock and ticker. The server calls ticker.clock (registered with duplex.expose instead of a
// global) and publishes quotes to the "prices" topic, which this page subscribes to and draws.
(() => {
  const { h, errorText } = samples;
  const $ = (id) => document.getElementById(id);
  const WINDOW_MILLIS = 5000;
  const HISTORY = 60;          // prices kept per symbol for its chart
  const CHART_W = 120;         // the chart's own coordinates; CSS scales it to the cell
  const CHART_H = 32;
  const SVG = "http://www.w3.org/2000/svg";

  const arrivals = [];        // when each reverse call ran, for the rate over the last 5 s
  const rows = new Map();     // symbol -> {price, change, percent, tr, last, history, chart, line}
  const counted = (fn) => (...args) => { arrivals.push(performance.now()); return fn(...args); };

  const signed = (n, digits = 2) => `${n > 0 ? "+" : ""}${n.toFixed(digits)}`;

  const svg = (tag, attrs) => {
    const el = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
    return el;
  };

  const rowFor = (symbol) => {
    let row = rows.get(symbol);
    if (!row) {
      const line = svg("polyline", { points: "" });
      const chart = svg("svg", {
        class: "spark", viewBox: `0 0 ${CHART_W} ${CHART_H}`, preserveAspectRatio: "none",
        role: "img", "aria-label": `${symbol}: recent prices`,
      });
      chart.append(line);
      row = {
        price: h("td", { class: "num price" }),
        change: h("td", { class: "num abs" }),
        percent: h("td", { class: "num" }),
        last: null,
        history: [],
        chart,
        line,
      };
      row.tr = h("tr", { dataset: { symbol } }, h("th", { scope: "row", class: "symbol", text: symbol }),
        row.price, row.change, row.percent, h("td", { class: "chart" }, chart));
      rows.set(symbol, row);
      $("quotes").append(row.tr);
      $("no-quotes").hidden = true;
    }
    return row;
  };

  /** The last HISTORY prices as a line scaled to the chart's height (flat when they are all equal). */
  const draw = (row) => {
    const prices = row.history;
    const low = Math.min(...prices);
    const range = Math.max(...prices) - low || 1;
    const step = CHART_W / (HISTORY - 1);
    const x0 = CHART_W - step * (prices.length - 1);
    row.line.setAttribute("points", prices
      .map((p, i) => `${(x0 + i * step).toFixed(1)},${(CHART_H - 2 - ((p - low) / range) * (CHART_H - 4)).toFixed(1)}`)
      .join(" "));
    row.chart.dataset.points = String(prices.length);
    const first = prices[0];
    const last = prices[prices.length - 1];
    row.chart.setAttribute("class", `spark ${last > first ? "gain" : last < first ? "loss" : ""}`);
  };

  const onQuotes = counted((quotes) => {
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
      const trend = q.change > 0 ? "gain" : q.change < 0 ? "loss" : "";
      row.change.className = `num abs ${trend}`;
      row.percent.className = `num ${trend}`;
      row.history.push(q.price);
      if (row.history.length > HISTORY) row.history.shift();
      draw(row);
    }
  });

  duplex.expose("ticker", {
    clock: counted((serverTime) => {
      const t = new Date(serverTime);
      $("clock").textContent = t.toLocaleTimeString([], { hour12: false });
      $("clock").dateTime = serverTime;
      $("clock-date").textContent = t.toLocaleDateString([], { weekday: "long", year: "numeric", month: "long", day: "numeric" });
    }),
  });

  // The prices topic: subscribed while the page shows live prices, unsubscribed while paused.
  const toggle = $("prices-toggle");
  let subscription = null;
  const showState = (state, text) => {
    $("prices-state").dataset.state = state;
    $("prices-state").textContent = text;
  };
  const subscribe = () => {
    showState("subscribing", "subscribing…");
    const sub = duplex.subscribe("prices", onQuotes);
    subscription = sub;
    toggle.textContent = "Pause prices";
    toggle.setAttribute("aria-pressed", "false");
    sub.then(
      () => { if (subscription === sub) showState("live", "live"); },
      (err) => {
        if (subscription !== sub) return;
        subscription = null;
        showState("refused", `refused: ${errorText(err)}`);
        toggle.textContent = "Resume prices";
      });
  };
  toggle.addEventListener("click", () => {
    if (subscription) {
      subscription.unsubscribe();
      subscription = null;
      showState("paused", "paused");
      toggle.textContent = "Resume prices";
      toggle.setAttribute("aria-pressed", "true");
    } else {
      subscribe();
    }
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
  subscribe();
})();
