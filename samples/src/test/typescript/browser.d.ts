// The little of the browser the samples use: the check compiles without TypeScript's large DOM
// library (it would cost seconds per run); the Duplex typings need none of it.
declare const console: { log(...values: unknown[]): void; warn(...values: unknown[]): void };
