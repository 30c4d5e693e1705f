import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { encode } from "next-auth/jwt";
import {
  type ListData,
  type ListShape,
  parseListChanges,
  patchList,
  refetchDelay,
} from "@/components/inbox/list-patch";
import type { DatabaseHandle, DatabaseKind } from "@/db";
import { addMembership } from "@/db/queries/memberships";
import { users } from "@/db/schema";
import { startSession } from "@/lib/auth/sessions";
import { createKeyring } from "@/lib/crypto/keyring";
import type { InboxPage } from "@/lib/inbox/read-inbox";
import { importTenants } from "@/lib/tenants/import-tenants";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { BENCH_KEY, customerMessage, serverDatabase, startServer, stop } from "./server";
import { ms, percentile, type Row } from "./stats";

// From a customer's webhook to the message in every open inbox: AGENTS signed-in agents each hold
// the inbox's event stream open, with the list the inbox opens with (the Open tab, newest first)
// read once. Each delivery is timed until every agent has heard of it, and until every agent's
// list shows it: the pushed rows patched into that agent's list by the inbox's own code
// (`patchList`), or, where the inbox would read the list again instead, that read after the same
// random wait. Shown means the list now holds the customer's conversation with the message's text
// as its preview. The server's memory is read before and after the streams open.

const PHONE = "190000000000077";
const AGENTS = 200;
const DELIVERIES = 20;
const AUTH_SECRET = "b".repeat(40);
const COOKIE = "authjs.session-token";
const OPEN_TAB: ListShape = {
  filter: "all",
  q: "",
  view: { label: "", priority: "", sort: "recent" },
};

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
  const userIds: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const [user] = await handle.db
      .insert(users)
      .values({ name: `Agent ${i}`, email: `agent-${i}@live.bench` })
      .returning({ id: users.id });
    if (!user) throw new Error("bench user not created");
    userIds.push(user.id);
    await addMembership(handle.db, { workspaceId: ws.id, userId: user.id, role: "agent" });
    const sid = await startSession(handle.db, user.id);
    const token = await encode({
      token: { sub: user.id, sid, name: `Agent ${i}`, email: `agent-${i}@live.bench` },
      secret: AUTH_SECRET,
      salt: COOKIE,
    });
    cookies.push(`${COOKIE}=${token}`);
  }
  return { slug: slug ?? "", cookies, userIds };
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

type Agent = {
  /** Called on each event naming a customer's message. */
  heard: (() => void) | null;
  /** Called when the agent's list changed, pushed or read again. */
  listed: (() => void) | null;
  list: ListData;
  close: () => void;
};

async function readList(base: string, slug: string, cookie: string): Promise<ListData> {
  const res = await fetch(`${base}/${slug}/inbox/feed?filter=all&sort=recent`, {
    headers: { cookie },
  });
  if (res.status !== 200) throw new Error(`list refused: ${res.status}`);
  return { pages: [(await res.json()) as InboxPage], pageParams: [null] };
}

async function openStream(
  base: string,
  slug: string,
  cookie: string,
  userId: string,
): Promise<Agent> {
  const abort = new AbortController();
  const res = await fetch(`${base}/${slug}/inbox/events`, {
    headers: { cookie },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`stream refused: ${res.status}`);
  const agent: Agent = {
    heard: null,
    listed: null,
    list: await readList(base, slug, cookie),
    close: () => abort.abort(),
  };
  // What the inbox does with a `rows` event (components/inbox/live-inbox.tsx).
  const onRows = (data: string) => {
    const changes = parseListChanges(data);
    const patched =
      changes && changes !== "refetch" && patchList(agent.list, OPEN_TAB, changes, userId);
    if (patched) {
      agent.list = patched;
      agent.listed?.();
      return;
    }
    setTimeout(() => {
      void readList(base, slug, cookie).then((list) => {
        agent.list = list;
        agent.listed?.();
      });
    }, refetchDelay());
  };
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
        const name = /^event: (.*)$/m.exec(event)?.[1];
        const data = /^data: (.*)$/m.exec(event)?.[1] ?? "";
        if (name === "ready") ready();
        else if (name === "rows") onRows(data);
        else if (!name && data.includes('"k":"inbound"')) agent.heard?.();
        end = text.indexOf("\n\n");
      }
    }
  })();
  await isReady;
  return agent;
}

/** Whether the agent's list shows this customer's conversation with this message last. */
const shows = (agent: Agent, customer: string, text: string) =>
  agent.list.pages.some((p) =>
    p.rows.some((r) => r.contact.waId === customer && r.lastMessagePreview === text),
  );

export async function liveBench(kind: DatabaseKind, port: number): Promise<Row[]> {
  const { open, serverEnv, cleanup } = await serverDatabase(kind);
  const base = `http://127.0.0.1:${port}`;
  try {
    const seeding = open();
    const { slug, cookies, userIds } = await seed(seeding);
    await seeding.close();
    const server = await startServer(port, { ...serverEnv, AUTH_SECRET });
    const group = server.pid ?? 0;
    const agents: Agent[] = [];
    try {
      // Warm the routes up before measuring memory.
      const first = await openStream(base, slug, cookies[0] ?? "", userIds[0] ?? "");
      first.close();
      await new Promise((r) => setTimeout(r, 500));
      const before = serverRss(group);
      for (const [i, cookie] of cookies.entries())
        agents.push(await openStream(base, slug, cookie, userIds[i] ?? ""));
      await new Promise((r) => setTimeout(r, 500));
      const after = serverRss(group);

      const heard: number[] = [];
      const shown: number[] = [];
      for (let d = 0; d < DELIVERIES; d++) {
        const customer = `2547${String(10_000_000 + d).padStart(8, "0")}`;
        const message = customerMessage({ phoneNumberId: PHONE, customer, text: `Live ${d}` });
        const start = performance.now();
        const text = `Live ${d}`;
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
              };
              agent.listed = () => {
                if (!shows(agent, customer, text)) return;
                agent.listed = null;
                clearTimeout(timeout);
                shown.push(performance.now() - start);
                resolve();
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
          extra: "pushed rows patched into each agent's list (or the list read again)",
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
