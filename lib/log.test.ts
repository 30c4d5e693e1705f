import { describe, expect, it } from "vitest";
import { captureLogs, log, requestIdOf, safeError, withRequestId } from "./log";

function logged(write: () => void): Record<string, unknown>[] {
  const logs = captureLogs();
  try {
    write();
  } finally {
    logs.restore();
  }
  return logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("log", () => {
  it("writes one JSON object per line with an ISO time, a level name and the request id", () => {
    const [outside, inside] = logged(() => {
      log.info({ jobs: 2 }, "outside");
      withRequestId("req-1", () => log.warn("inside"));
    });
    expect(outside).toMatchObject({ level: "info", jobs: 2, msg: "outside" });
    expect(outside).not.toHaveProperty("requestId");
    expect(inside).toMatchObject({ level: "warn", requestId: "req-1", msg: "inside" });
    expect(String(inside?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("redacts text, payloads, tokens, secrets and e-mail addresses at any of three levels", () => {
    const [entry] = logged(() =>
      log.info(
        {
          text: "my order 4471",
          payload: { entry: [] },
          token: "EAAG-top",
          message: { body: "hello", to: "254700000001", email: "a@example.test" },
          channel: { auth: { accessToken: "EAAG-deep", apiKey: "pk_live_1" } },
          headers: { authorization: "Bearer x", cookie: "s=1" },
          count: 3,
        },
        "redaction",
      ),
    );
    const out = JSON.stringify(entry);
    for (const secret of [
      "4471",
      "entry",
      "EAAG",
      "hello",
      "254700000001",
      "a@example",
      "pk_live",
      "Bearer",
      "s=1",
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(entry).toMatchObject({ text: "[redacted]", count: 3 });
  });

  it("logs a database error as its code, constraint and table, without parameters, detail or quoted values", () => {
    const pgError = Object.assign(
      new Error('duplicate key value violates unique constraint "messages_wa_id" for "Amina"'),
      {
        name: "PostgresError",
        code: "23505",
        constraint_name: "messages_wa_id",
        table_name: "messages",
        detail: "Key (text)=(my order 4471) already exists.",
        parameters: ["my order 4471", '{"entry":[]}'],
        query: "insert into messages values ($1, $2)",
      },
    );
    const wrapped = new Error(
      'Failed query: insert into "messages" ("text", "payload") values ($1, $2)\nparams: my order 4471,{"entry":[]}',
      { cause: pgError },
    );
    const safe = safeError(wrapped);
    expect(safe.message).toBe(
      'Failed query: insert into "messages" ("text", "payload") values ($1, $2)',
    );
    expect(safe.cause).toMatchObject({
      type: "PostgresError",
      code: "23505",
      constraint: "messages_wa_id",
      table: "messages",
    });
    expect(safe.cause?.message).toBe('duplicate key value violates unique constraint "…" for "…"');
    const [entry] = logged(() => log.error({ err: wrapped }, "failed"));
    const out = JSON.stringify(entry);
    expect(out).not.toContain("4471");
    expect(out).not.toContain("entry");
    expect(out).toContain("23505");
    // Under the other usual key too.
    const [again] = logged(() => log.error({ error: wrapped }, "failed"));
    expect(JSON.stringify(again)).not.toContain("4471");
    expect(again?.error).toMatchObject({ cause: { code: "23505" } });
    expect(safeError("a string").message).toBe("");
    expect(safeError(new Error("x".repeat(10_000))).message.length).toBeLessThanOrEqual(201);
  });

  it("takes a plain x-request-id and replaces anything else with a new id", () => {
    expect(requestIdOf(new Headers({ "x-request-id": "abc-123" }))).toBe("abc-123");
    for (const bad of ["", "a b", "x".repeat(200), '{"inject":1}']) {
      expect(requestIdOf(new Headers({ "x-request-id": bad }))).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdOf(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
