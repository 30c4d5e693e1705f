import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { PRODUCTS } from "./vocabulary";

export type AnalyticsDataset = {
  /** Messages of the measured workspace. */
  messages: number;
  /** Neighbouring workspaces and the messages of each. */
  neighbours: number;
  neighbourMessages: number;
  days: number;
};

export type SeededWorkspace = { workspaceId: string; channelId: string; timeZone: string };

const CONTACTS_PER_MESSAGE = 1 / 25;

const KNOWN = [
  "What are your opening hours?",
  "Do you deliver on Sundays?",
  "How much is shipping?",
  "Where is my order",
  "Can I return an item?",
  "Do you have a store in town?",
];

const pgArray = (items: readonly string[]) =>
  sql.raw(`array[${items.map((w) => `'${w.replace(/'/g, "''")}'`).join(",")}]`);

// One customer message and what followed it, in a plausible mix: a FAQ answer (40%), an AI answer
// (22%), the fallback (8%), a bot notice (4%), a person's reply (12%) or nothing yet (14%, the
// customer writes again). Answers are sent seconds later, people's replies up to six hours later.
async function stageExchanges(
  handle: DatabaseHandle,
  ws: { workspaceId: string; channelId: string },
  exchanges: number,
  days: number,
) {
  await handle.db.execute(sql`
    insert into bench_exchanges (workspace_id, channel_id, conversation_id, asked_at, kind, r2, r3)
    select ${ws.workspaceId}::uuid, ${ws.channelId}::uuid, c.ids[1 + floor(random() * c.n)::int],
           now() - random() * (${days} * interval '1 day'),
           case when r < 0.40 then 'faq' when r < 0.62 then 'ai' when r < 0.70 then 'fallback'
                when r < 0.74 then 'system' when r < 0.86 then 'human' else 'none' end,
           random(), random()
      from (select array_agg(id) as ids, count(*) as n
              from conversations where workspace_id = ${ws.workspaceId}::uuid) c,
           lateral (select g, random() as r from generate_series(1, ${exchanges}) g) x`);
}

async function seedPeople(
  handle: DatabaseHandle,
  ws: { workspaceId: string; channelId: string },
  contacts: number,
  days: number,
  base: number,
) {
  await handle.db.execute(sql`
    insert into contacts (workspace_id, wa_id, name, opted_out, opted_out_at)
    select ${ws.workspaceId}::uuid, (${base}::bigint + g)::text, 'Customer ' || g, r < 0.02,
           case when r < 0.02 then now() - r * 50 * (${days} * interval '1 day') end
      from (select g, random() as r from generate_series(1, ${contacts}) g) x`);
  await handle.db.execute(sql`
    insert into conversations (workspace_id, channel_id, contact_id, status, last_message_at, created_at)
    select workspace_id, ${ws.channelId}::uuid, id, 'bot', now(),
           now() - random() * (${days} * interval '1 day')
      from contacts where workspace_id = ${ws.workspaceId}::uuid`);
}

/**
 * Bulk rows straight in SQL (the benchmark measures reads, not the seeding path), inserted in
 * time order across workspaces as a live system writes them.
 */
export async function seedAnalyticsDataset(
  handle: DatabaseHandle,
  size: AnalyticsDataset,
): Promise<SeededWorkspace> {
  const timeZone = "America/Sao_Paulo";
  const target = await seedWorkspace(handle.db, "Bench shop");
  await upsertBotSettings(handle.db, { workspaceId: target.workspaceId, timezone: timeZone });
  await handle.db.execute(sql`
    create unlogged table bench_exchanges (
      workspace_id uuid, channel_id uuid, conversation_id uuid, asked_at timestamptz, kind text,
      r2 float8, r3 float8, in_id uuid default gen_random_uuid(), out_id uuid default gen_random_uuid())`);
  const workspaces: Array<[{ workspaceId: string; channelId: string }, number]> = [
    [target, size.messages],
  ];
  for (let i = 0; i < size.neighbours; i++)
    workspaces.push([await seedWorkspace(handle.db, `Neighbour ${i}`), size.neighbourMessages]);
  for (const [i, [ws, messages]] of workspaces.entries()) {
    // Most exchanges are a question and its answer; one in seven is a question alone.
    const exchanges = Math.round(messages / 1.86);
    await seedPeople(
      handle,
      ws,
      Math.max(10, Math.round(messages * CONTACTS_PER_MESSAGE)),
      size.days,
      5511900000000 + i * 10_000_000,
    );
    await stageExchanges(handle, ws, exchanges, size.days);
  }
  await insertMessages(handle);
  await insertHandoffs(handle);
  await handle.db.execute(sql`drop table bench_exchanges`);
  return { workspaceId: target.workspaceId, channelId: target.channelId, timeZone };
}

async function insertMessages(handle: DatabaseHandle) {
  await handle.db.execute(sql`
    insert into messages (id, workspace_id, conversation_id, channel_id, direction, wa_message_id,
                          type, text, reply_kind, status, error_code, source, ai_model, prompt_tokens,
                          completion_tokens, cost_micros, latency_ms, reply_state, reply_to_id,
                          reply_key, status_at, created_at)
    select * from (
      select in_id, workspace_id, conversation_id, channel_id, 'inbound'::message_direction,
             'wamid.in.' || in_id, 'text',
             case when kind = 'fallback'
                  then (array['Do you sell ', 'do you SELL ', 'Do you sell a '])[1 + floor(r3 * 3)::int]
                       || (${pgArray(PRODUCTS)})[1 + floor(power(r2, 2) * ${PRODUCTS.length})::int]
                       || (array['?', ' ??', '', '!'])[1 + floor(r2 * 4)::int]
                  else (${pgArray(KNOWN)})[1 + floor(r2 * ${KNOWN.length})::int] end,
             null::text, 'received'::message_status, null::int, null::message_source, null,
             null::int, null::int, null::int, null::int, 'handled'::reply_state, null::uuid, null,
             asked_at, asked_at as created_at
        from bench_exchanges
      union all
      select out_id, workspace_id, conversation_id, channel_id, 'outbound',
             case when r3 >= 0.01 then 'wamid.out.' || out_id end, 'text', 'Our answer',
             case when kind <> 'human' then
               case kind when 'fallback' then 'fallback' when 'system' then 'handoff' else 'answer' end end,
             (case when r3 < 0.03 then 'failed' when r3 < 0.032 then 'pending'
                   when r3 < 0.10 then 'sent' when r3 < 0.35 then 'delivered'
                   when r3 < 0.98 then 'read' else 'played' end)::message_status,
             case when r3 < 0.03 then (array[131047, 131026, 131049, 130472, 131000])[1 + floor(r2 * 5)::int] end,
             (case kind when 'faq' then 'faq' when 'ai' then 'ai' when 'human' then 'human'
                        else 'system' end)::message_source,
             case when kind = 'ai' then (case when r2 < 0.8 then 'gpt-4o-mini' else 'gpt-4.1' end) end,
             case when kind = 'ai' then 300 + floor(r2 * 1200)::int end,
             case when kind = 'ai' then 40 + floor(r3 * 260)::int end,
             case when kind = 'ai' then (case when r2 < 0.8 then 150 else 900 end) + floor(r3 * 400)::int end,
             null, null, case when kind <> 'human' then in_id end,
             case when kind <> 'human' then in_id || ':' || kind end,
             asked_at + delay, asked_at + delay
        from (select *, case when kind = 'human'
                             then interval '30 seconds' + power(r2, 2) * interval '6 hours'
                             else interval '1 second' + r2 * interval '6 seconds' end as delay
                from bench_exchanges where kind <> 'none') answered
    ) x
    order by created_at`);
}

async function insertHandoffs(handle: DatabaseHandle) {
  await handle.db.execute(sql`
    insert into escalations (workspace_id, conversation_id, message_id, reason,
                             whatsapp_notified_at, email_notified_at, notify_error, created_at)
    select workspace_id, conversation_id, in_id,
           (case kind when 'fallback' then 'unanswered' when 'system' then 'requested'
                      else 'outside_hours' end)::handoff_reason,
           case when r3 < 0.8 then asked_at + interval '10 seconds' end,
           case when r2 < 0.5 then asked_at + interval '10 seconds' end,
           case when r3 >= 0.95 then 'mail refused' end,
           asked_at + interval '8 seconds'
      from bench_exchanges
     where (kind = 'fallback' and r3 < 0.7) or kind = 'system' or (kind = 'human' and r3 < 0.3)
     order by asked_at`);
  await handle.db.execute(sql`
    insert into conversation_events (workspace_id, conversation_id, kind, created_at)
    select workspace_id, conversation_id, 'took_over', asked_at + interval '20 seconds'
      from bench_exchanges where kind = 'human' and r3 < 0.5
     order by asked_at`);
}
