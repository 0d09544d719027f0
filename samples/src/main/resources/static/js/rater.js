// The session rater. The server calls rater.scoreChanged and rater.nowPlaying through RaterPage.
(() => {
  const { h, errorText, duration, keepFresh } = samples;
  const $ = (id) => document.getElementById(id);

  const talks = new Map();    // talk id -> {talk, score, yourStars, el}
  const early = new Map();    // scores pushed before the talk list arrived, newest per talk
  let live = null;            // the newest LiveSlot
  let skew = 0;               // server clock minus this browser's clock, in ms

  const isNewer = (score, than) => !than || score.version > than.version;

  const renderScore = (entry) => {
    const { score } = entry;
    entry.el.average.textContent = score.votes ? score.average.toFixed(2) : "–";
    entry.el.votes.textContent = score.votes === 1 ? "1 vote" : `${score.votes} votes`;
    entry.el.meter.value = score.votes ? score.average : 0;
    entry.el.stars.forEach((star, i) => {
      star.classList.toggle("on", i < entry.yourStars);
      star.setAttribute("aria-pressed", String(i + 1 === entry.yourStars));
    });
  };

  const rate = async (entry, stars) => {
    $("rater-error").textContent = "";
    try {
      const score = await Rater.rate(entry.talk.id, stars);
      entry.yourStars = stars;
      if (isNewer(score, entry.score)) entry.score = score;
      renderScore(entry);
    } catch (err) {
      $("rater-error").textContent = errorText(err);
    }
  };

  const buildTalk = (rated) => {
    const entry = { talk: rated.talk, score: rated.score, yourStars: rated.yourStars, el: {} };
    entry.el.stars = [1, 2, 3, 4, 5].map((n) =>
      h("button", { type: "button", class: "star", text: "★", "aria-label": `${n} star${n > 1 ? "s" : ""}`, dataset: { stars: n }, onclick: () => rate(entry, n) }));
    entry.el.average = h("strong", { class: "average" });
    entry.el.votes = h("span", { class: "votes muted" });
    entry.el.meter = h("meter", { min: 0, max: 5, low: 2.5, high: 4, optimum: 5, value: 0 });
    entry.el.live = h("span", { class: "badge live-badge", text: "Live", hidden: true });
    entry.el.root = h("li", { class: "card talk", id: `talk-${rated.talk.id}`, dataset: { talk: rated.talk.id } },
      h("div", { class: "talk-info" },
        h("h3", {}, rated.talk.title, " ", entry.el.live),
        h("p", { class: "muted" }, rated.talk.speaker, " · ", h("span", { class: "track", text: rated.talk.track }))),
      h("div", { class: "talk-score" },
        h("div", { class: "stars", role: "group", "aria-label": `Rate ${rated.talk.title}` }, entry.el.stars),
        h("div", { class: "score-line" }, entry.el.average, " ", entry.el.meter, " ", entry.el.votes)));
    return entry;
  };

  const renderLive = () => {
    if (!live) return;
    const now = talks.get(live.talkId);
    const next = talks.get(live.nextTalkId);
    $("live-title").textContent = now ? now.talk.title : live.talkId;
    $("live-speaker").textContent = now ? `${now.talk.speaker} · ${now.talk.track}` : "";
    $("live-next").textContent = next ? next.talk.title : live.nextTalkId;
    for (const entry of talks.values()) entry.el.live.hidden = entry.talk.id !== live.talkId;
    tickLive();
  };

  const tickLive = () => {
    if (!live) return;
    const start = Date.parse(live.startedAt);
    const end = Date.parse(live.endsAt);
    const now = Date.now() + skew;
    $("live-progress").value = Math.min(1, Math.max(0, (now - start) / (end - start)));
    $("live-remaining").textContent = `${duration(end - now)} left`;
  };

  globalThis.rater = {
    scoreChanged(score) {
      const entry = talks.get(score.talkId);
      if (!entry) {
        if (isNewer(score, early.get(score.talkId))) early.set(score.talkId, score);
      } else if (isNewer(score, entry.score)) {
        entry.score = score;
        renderScore(entry);
      }
    },
    nowPlaying(slot) {
      if (!live || slot.version > live.version) {
        live = slot;
        renderLive();
      }
    },
  };

  const load = async () => {
    const snapshot = await Rater.talks();
    skew = Date.parse(snapshot.serverNow) - Date.now();
    for (const rated of snapshot.talks) {
      let entry = talks.get(rated.talk.id);
      if (!entry) {
        entry = buildTalk(rated);
        talks.set(rated.talk.id, entry);
        $("talks").append(entry.el.root);
      }
      entry.yourStars = rated.yourStars;
      for (const score of [rated.score, early.get(rated.talk.id)]) {
        if (score && isNewer(score, entry.score)) entry.score = score;
      }
      early.delete(rated.talk.id);
      renderScore(entry);
    }
    globalThis.rater.nowPlaying(snapshot.live);
    renderLive();
  };

  setInterval(tickLive, 1000);
  keepFresh(load);
})();
