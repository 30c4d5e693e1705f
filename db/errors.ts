// PostgreSQL reports why it refused a statement in a five-character SQLSTATE, found on the driver's
// error (postgres-js, PGlite) or on drizzle's wrapper around it as `cause`.
export function sqlState(error: unknown): string | null {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

// Refusals caused by the data of the rows written, which the same statement would meet again on
// every retry: data exceptions (22: bad values, too long), integrity violations (23: unique,
// check, foreign key) and program limits (54: e.g. a tsvector over 1 MB). Connection failures,
// deadlocks and shutdowns are not among them: those are outages, and worth a retry.
const ROW_REFUSALS = new Set(["22", "23", "54"]);

/** True when PostgreSQL refused the rows themselves, not when the database is unavailable. */
export function isRowRefusal(error: unknown): boolean {
  const state = sqlState(error);
  return state !== null && ROW_REFUSALS.has(state.slice(0, 2));
}
