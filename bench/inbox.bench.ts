import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db";
import type { Position } from "@/db/queries/conversations";
import { type InboxFilter, inboxCounts, inboxFilters, listInbox } from "@/db/queries/inbox";
import { users } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { createTestDatabase } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { ms, percentile, type Row, timeRuns } from "./stats";

const CONVERSATIONS = 100_000;
const MESSAGES_PER_CONVERSATION = 10;
const OTHER_WORKSPACES = 3;
const OTHER_CONVERSATIONS = 10_000;
const RUNS = 100;
const PAGE = 50;

const FIRST = ["Ana", "Bruno", "Carla", "Duarte", "Eva", "Filipa", "Gil", "Helena", "Ivo", "Joana"];
const LAST = ["Silva", "Costa", "Dias", "Reis", "Lopes", "Sousa", "Pinto", "Moreira", "Nunes"];
// Message words; "invoice" is rare (about one message in a thousand), the others common.
const WORDS = ["hello", "order", "delivery", "price", "open", "today", "thanks", "where", "size"];

const pgArray = (items: string[]) => sql.raw(`array[${items.map((w) => `'${w}'`).join(",")}]`);

// Bulk rows straight in SQL: the benchmark measures reads, not the seeding path. Names repeat
// every 90 contacts with a number after them, so a full name matches about 1,100 contacts.
async function seed(
  handle: DatabaseHandle,
  ws: { workspaceId: string; channelId: string },
  agentId: string,
  count: number,
) {
  const { workspaceId, channelId } = ws;
  await handle.db.execute(sql`
    insert into contacts (workspace_id, wa_id, name)
    select ${workspaceId}::uuid, (351900000000 + g)::text,
           (${pgArray(FIRST)})[1 + g % ${FIRST.length}] || ' ' || (${pgArray(LAST)})[1 + (g / ${FIRST.length}) % ${LAST.length}] || ' ' || g
    from generate_series(1, ${count}) g`);
  await handle.db.execute(sql`
    insert into conversations (workspace_id, channel_id, contact_id, status, needs_human, assignee_id,
                               unread_count, last_inbound_at, last_message_at, last_message_preview)
    select workspace_id, ${channelId}::uuid, id,
           (case when r < 0.7 then 'bot' when r < 0.85 then 'human' else 'closed' end)::conversation_status,
           r >= 0.6 and r < 0.85, case when r >= 0.7 and r < 0.75 then ${agentId} end,
           case when r < 0.2 then 1 + (r * 100)::int % 5 else 0 end,
           at - interval '1 minute', at, 'last message'
    from (select id, workspace_id, random() as r, now() - random() * interval '60 days' as at
            from contacts where workspace_id = ${workspaceId}::uuid) c`);
  await handle.db.execute(sql`
    insert into messages (workspace_id, conversation_id, channel_id, direction, wa_message_id, type, text, status, created_at)
    select c.workspace_id, c.id, c.channel_id, 'inbound', 'wamid.' || c.id || '.' || g, 'text',
           case when random() < 0.001 then 'invoice please'
                else (${pgArray(WORDS)})[1 + floor(random() * ${WORDS.length})::int] || ' ' ||
                     (${pgArray(WORDS)})[1 + floor(random() * ${WORDS.length})::int] || ' ' || g end,
           'received', c.last_message_at - (g * interval '1 minute')
    from conversations c, generate_series(1, ${MESSAGES_PER_CONVERSATION}) g
    where c.workspace_id = ${workspaceId}::uuid`);
}

/** Inbox list, search and counts with 100,000 conversations in one workspace, PostgreSQL only. */
export async function inboxBench(): Promise<Row[]> {
  if (!getEnv().databaseUrl) return [];
  const handle = await createTestDatabase("postgres");
  try {
    const loadStart = performance.now();
    const [agent] = await handle.db.insert(users).values({ email: "agent@bench.test" }).returning();
    const userId = agent?.id ?? "";
    const target = await seedWorkspace(handle.db, "Bench shop");
    // Rebuilding the text index once after the load is far faster than growing it row by row.
    await handle.db.execute(sql`drop index messages_text_search_idx`);
    await seed(handle, target, userId, CONVERSATIONS);
    for (let i = 0; i < OTHER_WORKSPACES; i++)
      await seed(
        handle,
        await seedWorkspace(handle.db, `Neighbour ${i}`),
        userId,
        OTHER_CONVERSATIONS,
      );
    await handle.db.execute(
      sql`create index messages_text_search_idx on messages using gin (to_tsvector('simple', left(text, 65536)))`,
    );
    await handle.db.execute(sql`vacuum analyze`);
    const loadSeconds = ((performance.now() - loadStart) / 1000).toFixed(0);

    const { workspaceId } = target;
    const list = (
      filter: InboxFilter,
      extra: { search?: string; after?: Position; limit?: number } = {},
    ) => listInbox(handle.db, { workspaceId, userId, filter, limit: PAGE, ...extra });
    const deep = (await list("all", { limit: 5_000 })).next ?? undefined;

    const cases: Array<[string, () => Promise<{ rows: unknown[] }>]> = [
      ...inboxFilters.map((f): [string, () => Promise<{ rows: unknown[] }>] => [
        `first page, ${f}`,
        () => list(f),
      ]),
      ["deep page (after 5,000), all", () => list("all", { after: deep })],
      ["search name 'joana sousa' (~1,100 contacts)", () => list("all", { search: "joana sousa" })],
      ["search name 'ana' (~10,000 contacts)", () => list("all", { search: "ana" })],
      ["search phone prefix '3519000123'", () => list("all", { search: "3519000123" })],
      ["search full phone '+351 900 099 999'", () => list("all", { search: "+351 900 099 999" })],
      ["search text 'invoice' (rare word)", () => list("all", { search: "invoice" })],
      ["search text 'deliv' (common prefix)", () => list("all", { search: "deliv" })],
      ["search text 'hello order' (two words)", () => list("all", { search: "hello order" })],
      ["search 'invoice', needs_human", () => list("needs_human", { search: "invoice" })],
    ];
    const rows: Row[] = [];
    for (const [label, run] of cases) {
      const found = (await run()).rows.length;
      const times = await timeRuns(RUNS, run);
      rows.push(result(`inbox: ${label}`, times, `${found} rows`));
    }
    const counts = await inboxCounts(handle.db, { workspaceId, userId });
    const countTimes = await timeRuns(RUNS, () => inboxCounts(handle.db, { workspaceId, userId }));
    rows.push(
      result(
        "inbox: counts",
        countTimes,
        `${Object.entries(counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}; load ${loadSeconds}s`,
      ),
    );
    return rows;
  } finally {
    await handle.close();
  }
}

function result(benchmark: string, sorted: number[], notes: string): Row {
  const p95 = percentile(sorted, 95);
  return {
    benchmark,
    engine: "postgres",
    n: sorted.length,
    p50: ms(percentile(sorted, 50)),
    p95: ms(p95),
    p99: ms(percentile(sorted, 99)),
    extra: `${notes}${p95 < 100 ? "" : " (over the 100 ms goal)"}`,
  };
}
