// The server calls clock.tick(serverTime) every second and clock.greeted(name, visitor) when anyone
// is greeted; the form calls Greeter.greet(name).
(() => {
  const $ = (id) => document.getElementById(id);

  duplex.expose("clock", {
    tick(serverTime) {
      const time = new Date(serverTime);
      $("clock").textContent = time.toLocaleTimeString([], { hour12: false });
      $("clock").dateTime = serverTime;
    },
    greeted(name, visitor) {
      const item = document.createElement("li");
      item.textContent = `${name} (visitor ${visitor})`;
      $("greeted").prepend(item);
      while ($("greeted").children.length > 10) $("greeted").lastElementChild.remove();
    },
  });

  $("greet-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = $("greeting");
    try {
      answer.className = "";
      answer.textContent = await Greeter.greet($("name").value);
    } catch (error) {
      answer.className = "error";
      answer.textContent = `${error.code}: ${error.message}`;
    }
  });
})();
