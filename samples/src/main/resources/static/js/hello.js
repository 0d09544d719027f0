// The hello page: forward calls through the generated Hello stub.
const $ = (id) => document.getElementById(id);

$("hello-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    $("greeting").textContent = await Hello.greet($("name").value);
    $("greeting").classList.remove("error");
  } catch (err) {
    $("greeting").textContent = `${err.code}: ${err.message}`;
    $("greeting").classList.add("error");
  }
});

// duplex.stats.requests also counts the reverse transport's requests; preHook runs once per /call.
let callRequests = 0;
duplex.configure({ preHook: () => { callRequests++; } });

$("batch").addEventListener("click", async () => {
  const before = callRequests;
  let sum, greeting, later;
  await duplex.batch(() => {
    Hello.add(2, 3).then((v) => { sum = v; });
    Hello.greet("batch").then((v) => { greeting = v; });
    Hello.greetLater("async", 50).then((v) => { later = v; });
  });
  const requests = callRequests - before;
  $("batch-result").textContent = `add=${sum}; greet=${greeting}; greetLater=${later}; HTTP requests: ${requests}`;
});

$("fail").addEventListener("click", async () => {
  try {
    await Hello.greet("");
    $("error-result").textContent = "unexpected success";
  } catch (err) {
    $("error-result").textContent = `${err.code}: ${err.message}`;
  }
});
