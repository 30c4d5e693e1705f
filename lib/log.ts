import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { requestIdFrom } from "@/lib/security/request-id";

// One JSON object per line on stdout. Customer text, raw payloads, tokens and e-mail addresses
// never belong in a log line: callers log ids and counts, errors go through safeError, and the
// redact paths below catch the usual field names if one slips through anyway.

const SENSITIVE = [
  "text",
  "body",
  "payload",
  "caption",
  "preview",
  "token",
  "accessToken",
  "apiKey",
  "secret",
  "appSecret",
  "password",
  "authorization",
  "cookie",
  "email",
  "to",
  "from",
  "phone",
  "query",
  "parameters",
  "params",
  "detail",
];

export const REDACT_PATHS = [
  ...SENSITIVE,
  ...SENSITIVE.map((key) => `*.${key}`),
  ...SENSITIVE.map((key) => `*.*.${key}`),
  'headers["x-hub-signature-256"]',
];

type Sink = { write(line: string): unknown };
// Under vitest the lines go nowhere unless a test captures them, so a run prints failures only.
const discard: Sink = { write: () => true };
let sink: Sink = process.env.VITEST ? discard : process.stdout;

const context = new AsyncLocalStorage<{ requestId: string }>();

const MAX_MESSAGE = 200;

/** Keeps an error message's shape but not the values quoted inside it, which may be a customer's. */
function safeMessage(message: string): string {
  // drizzle: "Failed query: <sql>\nparams: <values>". The SQL is ours; the values are not.
  const firstLine = message.split("\n", 1)[0] ?? "";
  const unquoted = firstLine.startsWith("Failed query:")
    ? firstLine
    : firstLine.replace(/"[^"]*"|'[^']*'/g, '"…"');
  return unquoted.length > MAX_MESSAGE ? `${unquoted.slice(0, MAX_MESSAGE)}…` : unquoted;
}

const pick = (value: unknown) =>
  typeof value === "string" && value.length <= 128 ? value : undefined;

export type SafeError = {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  status?: number;
  stack?: string[];
  cause?: SafeError;
};

/**
 * What may be logged of an error: its class, a truncated message without quoted values or query
 * parameters, the database's code, constraint, table and column, and a few stack frames. Database
 * errors carry the query's parameters (customer text, raw payloads) and `detail` (the failing
 * row); neither is kept.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Object)) return { type: typeof error, message: "" };
  const e = error as Record<string, unknown>;
  const name = pick(e.name) ?? error.constructor?.name ?? "Error";
  const out: SafeError = {
    type: name,
    message: typeof e.message === "string" ? safeMessage(e.message) : "",
  };
  const code = pick(e.code);
  if (code) out.code = code;
  const constraint = pick(e.constraint_name) ?? pick(e.constraint);
  if (constraint) out.constraint = constraint;
  const table = pick(e.table_name) ?? pick(e.table);
  if (table) out.table = table;
  const column = pick(e.column_name) ?? pick(e.column);
  if (column) out.column = column;
  if (typeof e.status === "number") out.status = e.status;
  if (typeof e.stack === "string") {
    out.stack = e.stack
      .split("\n")
      .filter((line) => line.startsWith("    at "))
      .slice(0, 6)
      .map((line) => line.trim());
  }
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

export const log = pino(
  {
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: (e: unknown) => safeError(e), error: (e: unknown) => safeError(e) },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    mixin: () => {
      const store = context.getStore();
      return store ? { requestId: store.requestId } : {};
    },
  },
  { write: (line: string) => sink.write(line) },
);

export type Logger = typeof log;

/** The request's id from `x-request-id` when it is a plain token, otherwise a new one. */
export function requestIdOf(headers: Headers): string {
  return requestIdFrom(headers.get("x-request-id"));
}

/** Runs `fn` with every log line it writes, and every job it schedules, carrying `requestId`. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

/** Runs a route handler with the request's id on its log lines. */
export function withRequestLog<T>(req: Request, fn: () => T): T {
  return withRequestId(requestIdOf(req.headers), fn);
}

export const currentRequestId = (): string | undefined => context.getStore()?.requestId;

/** Test helper: collects every log line written while it is active. */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const previous = sink;
  const lines: string[] = [];
  sink = { write: (line: string) => lines.push(...line.split("\n").filter(Boolean)) };
  return {
    lines,
    restore: () => {
      sink = previous;
    },
  };
}
