// Each marked line is wrong and must not compile; the test checks the error codes.
async function wrong(): Promise<void> {
  await Chat.send(42);                                  // expect TS2345
  await Hello.add("1", 2);                              // expect TS2345
  const sent = await Chat.send("hi");
  const id: number = sent.id;                           // expect TS2322
  const text: number = (await Chat.join("ann")).nickname; // expect TS2322
  await Chat.nosuch();                                  // expect TS2339
  console.log(id, text);
}

duplex.expose("chat", {                                 // expect TS2345
  addMessage(message) { console.log(message.text); },
});
duplex.expose("ticker", {
  clock(serverTime: number) { console.log(serverTime); }, // expect TS2322
});
duplex.subscribe("prices");                             // expect TS2554
duplex.on("status", (status) => status === "sleeping"); // expect TS2367
void wrong();
