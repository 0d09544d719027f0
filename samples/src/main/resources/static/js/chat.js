// The chat page. The server calls chat.addMessage and chat.setPresence through its ChatPage proxy.
(() => {
  const { h, errorText, keepFresh } = samples;
  const $ = (id) => document.getElementById(id);
  const NICKNAME_KEY = "duplex.samples.nickname";

  let me = null;               // my nickname, once joined
  let presenceVersion = -1;    // newest who-is-here list shown
  const shown = new Set();     // ids of messages on screen

  const timeOf = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  /** Puts a message in id order (history and pushes may arrive in either order), once. */
  const showMessage = (m) => {
    if (shown.has(m.id)) return;
    shown.add(m.id);
    const list = $("messages");
    const item = h("li", { class: m.from === me ? "message mine" : "message", dataset: { id: m.id } },
      h("div", { class: "meta" }, h("strong", { text: m.from }), " ", h("time", { datetime: m.at, text: timeOf(m.at) })),
      h("p", { class: "text", text: m.text }));
    const later = [...list.children].find((li) => Number(li.dataset.id) > m.id);
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.insertBefore(item, later || null);
    $("no-messages").hidden = true;
    if (atBottom || m.from === me) list.scrollTop = list.scrollHeight;
  };

  const showPresence = (presence) => {
    if (presence.version <= presenceVersion) return;
    presenceVersion = presence.version;
    const items = presence.nicknames.map((name) =>
      h("li", { class: name === me ? "me" : null }, h("span", { class: "avatar", text: name.slice(0, 1).toUpperCase() }), name, name === me ? h("span", { class: "muted", text: " (you)" }) : null));
    $("who").replaceChildren(...items);
    $("who-count").textContent = String(presence.nicknames.length);
    $("nobody").hidden = presence.nicknames.length > 0;
  };

  globalThis.chat = {
    addMessage: showMessage,
    setPresence: showPresence,
  };

  const showError = (err) => { $("chat-error").textContent = err ? errorText(err) : ""; };

  const join = async (nickname) => {
    const joined = await Chat.join(nickname);
    me = joined.nickname;
    localStorage.setItem(NICKNAME_KEY, me);
    presenceVersion = -1;  // redraw to mark "(you)"
    showPresence(joined.presence);
    $("join-form").hidden = true;
    $("send-form").hidden = false;
    $("me").textContent = me;
    $("message").focus();
  };

  const load = async () => {
    const state = await Chat.recent();
    state.history.forEach(showMessage);
    showPresence(state.presence);
    const nickname = me || localStorage.getItem(NICKNAME_KEY);
    if (nickname) await join(nickname).catch(showError);
  };

  $("join-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showError(null);
    try {
      await join($("nickname").value);
    } catch (err) {
      showError(err);
    }
  });

  $("send-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("message");
    if (!input.value.trim()) return;
    showError(null);
    try {
      showMessage(await Chat.send(input.value));
      input.value = "";
    } catch (err) {
      showError(err);
    }
    input.focus();
  });

  $("leave").addEventListener("click", () => {
    localStorage.removeItem(NICKNAME_KEY);
    location.reload();
  });

  keepFresh(load);
})();
