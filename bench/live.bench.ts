import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { encode } from "next-auth/jwt";
import type { DatabaseHandle, DatabaseKind } from "@/db";
import { addMembership } from "@/db/queries/memberships";
import { users } from "@/db/schema";
import { startSession } from "@/lib/auth/sessions";
import { createKeyring } from "@/lib/crypto/keyring";
import { importTenants } from "@/lib/tenants/import-tenants";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { BENCH_KEY, customerMessage, serverDatabase, startServer, stop } from "./server";
import { ms, percentile, type Row } from "./stats";

// From a customer's webhook to the message in every open inbox: AGENTS signed-in agents each hold
// the inbox's event stream open; each delivery is timed until every agent has heard of it, and
// until every agent's list, fetched again as the inbox does on the event, shows it. The server's
// memory is read before and after the streams open.

const PHONE = "190000000000077";
const AGENTS = 200;
const DELIVERIES = 20;
const AUTH_SECRET = "b".repeat(40);
const COOKIE = "authjs.session-token";

async function seed(handle: DatabaseHandle) {
  await handle.migrate();
  const file = validateTenantImport({
    workspaces: [
      {
        name: "Live",
        whatsapp: { phoneNumberId: PHONE, accessToken: "EAAG-bench-token-0123456789" },
        bot: { enabled: false },
      },
    ],
  });
  if (!file.ok) throw new Error("bench tenant invalid");
  const [ws] = await importTenants(handle.db, file.data, { keyring: createKeyring(BENCH_KEY) });
  if (!ws) throw new Error("bench tenant not created");
  const slug = (
    await handle.db.query.workspaces.findFirst({ where: (w, { eq }) => eq(w.id, ws.id) })
  )?.slug;
  const cookies: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const [user] = await handle.db
      .insert(users)
      .values({ name: `Agent ${i}`, email: `agent-${i}@live.bench` })
      .returning({ id: users.id });
    if (!user) throw new Error("bench user not created");
    await addMembership(handle.db, { workspaceId: ws.id, userId: user.id, role: "agent" });
    const sid = await startSession(handle.db, user.id);
    const token = await encode({
      token: { sub: user.id, sid, name: `Agent ${i}`, email: `agent-${i}@live.bench` },
      secret: AUTH_SECRET,
      salt: COOKIE,
    });
    cookies.push(`${COOKIE}=${token}`);
  }
  return { slug: slug ?? "", cookies };
}

/** Resident memory of the server's process group, in bytes. */
function serverRss(group: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      total += Number(rss?.[1] ?? 0) * 1024;
    } catch {
      // Gone since listed.
    }
  }
  return total;
}

type Agent = { heard: (() => void) | null; close: () => void };

async function openStream(base: string, slug: string, cookie: string): Promise<Agent> {
  const abort = new AbortController();
  const res = await fetch(`${base}/${slug}/inbox/events`, {
    headers: { cookie },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`stream refused: ${res.status}`);
  const agent: Agent = { heard: null, close: () => abort.abort() };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ready: () => void = () => {};
  const isReady = new Promise<void>((r) => {
    ready = r;
  });
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      text += decoder.decode(chunk.value, { stream: true });
      let end = text.indexOf("\n\n");
      while (end !== -1) {
        const event = text.slice(0, end);
        text = text.slice(end + 2);
        if (event.includes("event: ready")) ready();
        else if (event.includes('"k":"inbound"')) agent.heard?.();
        end = text.indexOf("\n\n");
      }
    }
  })();
  await isReady;
  return agent;
}

export async function liveBench(kind: DatabaseKind, port: number): Promise<Row[]> {
  const { open, serverEnv, cleanup } = await serverDatabase(kind);
  const base = `http://127.0.0.1:${port}`;
  try {
    const seeding = open();
    const { slug, cookies } = await seed(seeding);
    await seeding.close();
    const server = await startServer(port, { ...serverEnv, AUTH_SECRET });
    const group = server.pid ?? 0;
    const agents: Agent[] = [];
    try {
      // Warm the routes up before measuring memory.
      const first = await openStream(base, slug, cookies[0] ?? "");
      first.close();
      await new Promise((r) => setTimeout(r, 500));
      const before = serverRss(group);
      for (const cookie of cookies) agents.push(await openStream(base, slug, cookie));
      await new Promise((r) => setTimeout(r, 500));
      const after = serverRss(group);

      const heard: number[] = [];
      const shown: number[] = [];
      for (let d = 0; d < DELIVERIES; d++) {
        const customer = `2547${String(10_000_000 + d).padStart(8, "0")}`;
        const message = customerMessage({ phoneNumberId: PHONE, customer, text: `Live ${d}` });
        const start = performance.now();
        const done = agents.map(
          (agent, i) =>
            new Promise<void>((resolve, reject) => {
              const timeout = setTimeout(
                () =>
                  reject(
                    new Error(
                      `delivery ${d}: agent ${i} ${agent.heard ? "heard nothing" : "never saw it in the list"}`,
                    ),
                  ),
                60_000,
              );
              agent.heard = () => {
                agent.heard = null;
                heard.push(performance.now() - start);
                // The inbox refetches its list on the event; the message shows when that returns.
                void fetch(`${base}/${slug}/inbox/feed?filter=all`, {
                  headers: { cookie: cookies[i] ?? "" },
                })
                  .then((r) => r.text())
                  .then((body) => {
                    clearTimeout(timeout);
                    if (!body.includes(customer)) return reject(new Error("list without it"));
                    shown.push(performance.now() - start);
                    resolve();
                  }, reject);
              };
            }),
        );
        const res = await fetch(`${base}${message.path}`, {
          method: "POST",
          body: message.body,
          headers: message.headers,
        });
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
        await Promise.all(done);
        await new Promise((r) => setTimeout(r, 200));
      }
      heard.sort((a, b) => a - b);
      shown.sort((a, b) => a - b);
      const perAgent = Math.max(0, after - before) / AGENTS;
      return [
        {
          benchmark: `live: webhook → event, ${AGENTS} streams`,
          engine: kind,
          n: heard.length,
          p50: ms(percentile(heard, 50)),
          p95: ms(percentile(heard, 95)),
          p99: ms(percentile(heard, 99)),
          extra: `server memory +${(perAgent / 1024).toFixed(1)} KiB per open stream`,
        },
        {
          benchmark: `live: webhook → shown in inbox, ${AGENTS} agents`,
          engine: kind,
          n: shown.length,
          p50: ms(percentile(shown, 50)),
          p95: ms(percentile(shown, 95)),
          p99: ms(percentile(shown, 99)),
          extra: "event, then each agent's list fetched again",
        },
      ];
    } finally {
      for (const a of agents) a.close();
      await stop(server);
    }
  } finally {
    await cleanup();
  }
}
