// Typings of the Duplex browser engine (engine.js), as documented in docs/client.md.
// Include this file with the generated <Service>.d.ts and <PageInterface>.d.ts files.

/** A failed call: a protocol error code or one made by the engine. */
interface DuplexError extends Error {
  readonly name: "DuplexError";
  /** BAD_ARGUMENTS, FORBIDDEN, a custom @ClientVisible code, or NETWORK, TIMEOUT, HTTP_ERROR, PROTOCOL_ERROR. */
  code: string;
  /** The HTTP status, for request-level errors. */
  status?: number;
  /** The exception's simple class name, for client-visible exceptions. */
  type?: string;
  /** For SERVER_ERROR: the incident id logged on the server. */
  incident?: string;
  /** Class and stack trace, only when the server runs in debug mode. */
  detail?: string;
  /** The response's Retry-After in milliseconds (SERVER_BUSY). */
  retryAfter?: number;
}

/** A DWR-style callback: called with the call's value. */
type DuplexCallback<T> = (value: T) => void;

/** DWR-style error handler: (message, error). */
type DuplexErrorHandler = (message: string, error: DuplexError) => void;

/** Options of one call (the trailing argument of a stub function, or duplex.call's fourth). */
interface DuplexCallOptions<T = unknown> {
  callback?: DuplexCallback<T>;
  errorHandler?: DuplexErrorHandler;
  /** Milliseconds; 0 = none. */
  timeout?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** Options of duplex.batch: apply to the batch's calls that set none. */
interface DuplexBatchOptions {
  errorHandler?: DuplexErrorHandler;
  timeout?: number;
  headers?: Record<string, string>;
}

/** One call as preHook and postHook see it. */
interface DuplexCallInfo {
  id: number;
  service: string;
  method: string;
  args: unknown[];
}

/** A reverse call entry as reverseErrorHandler sees it. */
interface DuplexReverseEntry {
  seq: number;
  fn?: string;
  args?: unknown[];
  [member: string]: unknown;
}

interface DuplexConfig {
  /** The servlet base, e.g. "/duplex". */
  path?: string | null;
  /** Default per-call timeout in ms; 0 = none. */
  timeout?: number;
  /** Calls in the same tick share a request. */
  autoBatch?: boolean;
  /** start() by itself after the page's scripts ran. */
  autoStart?: boolean;
  /** Calls per request at most. */
  maxBatchSize?: number;
  errorHandler?: DuplexErrorHandler | null;
  reverseErrorHandler?: ((error: unknown, entry: DuplexReverseEntry) => void) | null;
  preHook?: ((calls: DuplexCallInfo[]) => void) | null;
  postHook?: ((calls: DuplexCallInfo[]) => void) | null;
  /** Added to every request. */
  headers?: Record<string, string>;
}

type DuplexStatus = "idle" | "connecting" | "online" | "reconnecting" | "offline" | "busy";
type DuplexMode = "comet" | "polling" | "piggyback" | "websocket";
type DuplexTransport = "streaming" | "longpoll" | "polling" | "piggyback" | "websocket";

/** The status event's second argument when websocket mode fell back to streaming. */
interface DuplexStatusDetail {
  transport: DuplexTransport;
  fallback: string | null;
}

/** Event name to the handler's argument. */
interface DuplexEvents {
  status: DuplexStatus;
  resync: { dropped: number };
  expired: undefined;
  error: DuplexError;
  reverseError: { error: unknown; entry: DuplexReverseEntry };
}

/**
 * The functions pages provide to the server, by exposed name. Generated page typings
 * (<PageInterface>.d.ts) add their entries, so duplex.expose("chat", impl) checks impl.
 */
interface DuplexPages {}

/** What duplex.expose accepts under a name no page interface declares. */
type DuplexExposable = ((...args: any[]) => unknown) | object;

/** duplex.subscribe's answer: settles when the server took (or refused, SUBSCRIPTION_REFUSED) it. */
interface DuplexSubscription extends Promise<void> {
  readonly topic: string;
  /** Removes this callback; the last one of a topic unsubscribes the page. */
  unsubscribe(): Promise<void>;
}

interface DuplexEngine {
  configure(options: DuplexConfig): DuplexEngine;
  /** Handshake, then the reverse transport; idempotent. */
  start(): Promise<void>;
  /** Stops the transport and ends the session. */
  stop(): void;
  /** Low level call; a Promise of the method's value. */
  call<T = unknown>(service: string, method: string, args?: unknown[], options?: DuplexCallOptions<T>): Promise<T>;
  /** Sends every call fn makes synchronously in one request. */
  batch(fn: () => unknown, options?: DuplexBatchOptions): Promise<PromiseSettledResult<unknown>[]>;
  /** Registers (or with null removes) functions the server calls by name. */
  expose<N extends string>(name: N, impl: (N extends keyof DuplexPages ? DuplexPages[N] : DuplexExposable) | null): DuplexEngine;
  /** Runs fn(message, topic) for each message Java publishes to the topic (protocol 4.8). */
  subscribe<M = unknown>(topic: string, fn: (message: M, topic: string) => unknown): DuplexSubscription;
  /** Removes fn, or every callback of the topic without fn; the last one unsubscribes the page. */
  unsubscribe(topic: string, fn?: (message: any, topic: string) => unknown): Promise<void>;
  on<E extends keyof DuplexEvents>(event: E, handler: (value: DuplexEvents[E], detail?: DuplexStatusDetail) => void): DuplexEngine;
  off<E extends keyof DuplexEvents>(event: E, handler: (value: DuplexEvents[E], detail?: DuplexStatusDetail) => void): DuplexEngine;
  /** Used by interface stubs. */
  service(name: string, methods: Record<string, string[]>, base?: string, overloads?: Record<string, { arities: number[]; functionLast: number[] }>): unknown;
  /** The error class (duplex.DuplexError; not a global). */
  readonly DuplexError: {
    new (code: string, message?: string, extra?: { status?: number; type?: string; incident?: string; detail?: string; retryAfter?: number }): DuplexError;
    readonly prototype: DuplexError;
  };
  readonly status: DuplexStatus;
  /** null before the first handshake. */
  readonly mode: DuplexMode | null;
  /** null before the first handshake. */
  readonly transport: DuplexTransport | null;
  /** Why websocket mode fell back to streaming, or null. */
  readonly fallback: string | null;
  /**
   * "worker" when the site's SharedWorker holds this tab's shared connection, "leader" when this tab
   * holds it, "follower" when another tab does, null when not sharing.
   */
  readonly shared: "worker" | "leader" | "follower" | null;
  /** The script session id, null without a session. */
  readonly sessionId: string | null;
  readonly stats: { calls: number; reverseCalls: number; requests: number; reconnects: number };
}

declare const duplex: DuplexEngine;
