// Uses the typings generated from the demos (target/typescript/types) the way a page would.
import type { Message, Presence } from "../../../target/typescript/types/ChatPage";

async function chat(): Promise<void> {
  const joined = await Chat.join("ann");
  const names: string[] = joined.presence.nicknames;
  const sent = await Chat.send("hello");
  const id: number | string = sent.id;   // a long: a number, or a string beyond 2^53
  const at: string = sent.at;            // an Instant: ISO-8601
  Chat.send("with a callback", (message) => console.log(message.text));
  Chat.send("with options", { timeout: 5000, callback: (m) => m.from, errorHandler: (text, e) => e.code });
  const state = await Chat.recent();
  console.log(names, id, at, state);
}

async function hello(): Promise<void> {
  const a: string = await Hello.greet("ann");
  const b: string = await Hello.greet("ann", "Hi");                 // overload of arity 2
  const c: string = await Hello.greet("ann", (text) => text.length); // arity 1 with a callback
  const sum: number = await Hello.add(1, 2);
  const later: string = await Hello.greetLater("bob", 10);          // CompletableFuture<String>
  await Samples.ping();
  console.log(a, b, c, sum, later);
}

async function others(): Promise<void> {
  const score = await Rater.rate("t1", 5);
  const waiting = await CallCenter.waiting();
  const answered = await CallCenter.claim(42, "agent");
  const big = await CallCenter.claim("9007199254740993", "agent"); // a long may be sent as a string
  console.log(score, waiting, answered, big);
}

duplex.expose("chat", {
  addMessage(message: Message) { console.log(message.text.toUpperCase()); },
  setPresence(presence: Presence) { console.log(presence.nicknames.join(", ")); },
});
duplex.expose("ticker", {
  clock(serverTime) { console.log(new Date(serverTime)); },
});
const prices = duplex.subscribe<{ symbol: string; price: number }[]>("prices", (quotes, topic) => console.log(topic, quotes[0].price));
prices.then(() => prices.unsubscribe(), (e: DuplexError) => console.warn(e.code));
duplex.unsubscribe("prices");
duplex.expose("anythingElse", (x: unknown) => x);   // names no page interface declares are unchecked
duplex.on("status", (status) => console.log(status === "online"));
duplex.on("resync", ({ dropped }) => console.log(dropped + 1));
duplex.configure({ timeout: 1000, errorHandler: (message, error) => console.warn(message, error.code) });
duplex.batch(() => { Chat.send("a"); Chat.send("b"); }, { timeout: 3000 }).then((r) => r.length);
const mode: "comet" | "polling" | "piggyback" | "websocket" | null = duplex.mode;
duplex.on("status", (status, detail) => console.log(status, detail?.transport, detail?.fallback));
const fellBack: string | null = duplex.fallback;
void chat(); void hello(); void others(); void mode; void fellBack;
