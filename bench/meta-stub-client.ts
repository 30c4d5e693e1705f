import { type ChildProcess, spawn } from "node:child_process";
import type { Send } from "./meta-stub";

// The benchmark's side of bench/meta-stub.ts: starts it as its own process and reads what it saw.

export type StubSend = Send;

export type StubStats = {
  sends: number;
  markReads: number;
  typing: number;
  rejected: number;
  completions: number;
  embeddings: number;
  statusesPosted: number;
  statusRetries: number;
  statusesFailed: number;
  statusesPending: number;
  templateLists: number;
  config: { statuses: boolean; modelDelayMs: number };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type MetaStub = Awaited<ReturnType<typeof startMetaStub>>;

export async function startMetaStub(o: {
  port: number;
  appSecret: string;
  webhookUrl: string;
  modelDelayMs: number;
  /** The message templates every WABA lists, in Meta's shape. */
  templates?: unknown[];
}) {
  const base = `http://127.0.0.1:${o.port}`;
  const taken = await fetch(`${base}/`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${o.port} is in use; set E2E_PORT_OFFSET to move the benchmark`);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bench/meta-stub.ts"], {
    env: {
      ...process.env,
      STUB_PORT: String(o.port),
      STUB_APP_SECRET: o.appSecret,
      STUB_WEBHOOK_URL: o.webhookUrl,
      STUB_MODEL_DELAY_MS: String(o.modelDelayMs),
      STUB_TEMPLATES: JSON.stringify(o.templates ?? []),
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      }),
    });
    if (!res.ok) throw new Error(`Meta stub ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let up = false;
  for (let i = 0; i < 80 && !up && child.exitCode === null; i++) {
    up = await control("/__stub/stats").then(
      () => true,
      () => false,
    );
    if (!up) await sleep(250);
  }
  if (!up) {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    throw new Error("The Meta stub did not start");
  }
  // Every send, fetched once: later calls ask only for the ones after those already held.
  const all: StubSend[] = [];
  return {
    url: base,
    pid: child.pid,
    configure: (c: { statuses?: boolean; modelDelayMs?: number }) =>
      control<{ statuses: boolean; modelDelayMs: number }>("/__stub/config", c),
    stats: () => control<StubStats>("/__stub/stats"),
    /** Every send so far, in arrival order. */
    async sends(): Promise<StubSend[]> {
      const page = await control<{ total: number; sends: StubSend[] }>(
        `/__stub/sends?from=${all.length}`,
      );
      all.push(...page.sends);
      return all;
    },
    /** Until every status webhook of the sends so far was taken (or given up), or `ms` pass. */
    async statusesSettled(ms: number): Promise<boolean> {
      const deadline = Date.now() + ms;
      for (;;) {
        const s = await control<StubStats>("/__stub/stats");
        if (s.statusesPending === 0) return true;
        if (Date.now() > deadline) return false;
        await sleep(200);
      }
    },
    async stop() {
      if (child.pid && child.exitCode === null) {
        process.kill(-child.pid, "SIGTERM");
        await exited;
      }
    },
  };
}
