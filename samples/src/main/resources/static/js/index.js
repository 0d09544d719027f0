// Home page: shows which reverse-Ajax transport the server chose.
const showMode = () => {
  const mode = duplex.mode ? `${duplex.mode}${duplex.transport && duplex.transport !== duplex.mode ? ` (${duplex.transport})` : ""}` : "…";
  document.getElementById("mode").textContent = mode;
};
duplex.on("status", showMode);
duplex.start().then(showMode, showMode);
