import { randomUUID } from "node:crypto";

// What a load balancer or tracing proxy may pass on as a request id; anything else (newlines,
// very long values, odd characters) could forge log lines, so it is replaced.
const PLAUSIBLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the one it came with when it looks like an id, else a new UUID. */
export function requestIdFrom(given: string | null): string {
  return given && PLAUSIBLE.test(given) ? given : randomUUID();
}
