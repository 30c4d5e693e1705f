import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DatabaseHandle, DatabaseKind } from "@/db";
import { listConversations } from "@/db/queries/conversations";
import { listMessages } from "@/db/queries/messages";
import { createTestDatabase } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { ms, percentile, type Row, timeRuns } from "./stats";

const CONVERSATIONS = 20_000;
const MESSAGES_PER_CONVERSATION = 10;
const OTHER_WORKSPACES = 4;

// Bulk rows straight in SQL: the benchmark measures reads, not the seeding path.
export async function seedConversations(
  handle: DatabaseHandle,
  workspaceId: string,
  channelId: string,
  count = CONVERSATIONS,
) {
  await handle.db.execute(sql`
    insert into contacts (workspace_id, wa_id, name)
    select ${workspaceId}::uuid, (254700000000 + g)::text, 'Customer ' || g
    from generate_series(1, ${count}) g`);
  await handle.db.execute(sql`
    insert into conversations (workspace_id, channel_id, contact_id, last_message_at)
    select workspace_id, ${channelId}::uuid, id, now() - (random() * interval '30 days')
    from contacts where workspace_id = ${workspaceId}::uuid`);
  await handle.db.execute(sql`
    insert into messages (workspace_id, conversation_id, channel_id, direction, wa_message_id, type, text, status, created_at)
    select c.workspace_id, c.id, c.channel_id, 'inbound', 'wamid.' || c.id || '.' || g, 'text', 'message ' || g, 'received',
           c.last_message_at - (g * interval '1 minute')
    from conversations c, generate_series(1, ${MESSAGES_PER_CONVERSATION}) g
    where c.workspace_id = ${workspaceId}::uuid`);
  await handle.db.execute(sql`analyze`);
}

export async function apiBench(kind: DatabaseKind): Promise<Row[]> {
  const handle = await createTestDatabase(kind);
  try {
    const target = await seedWorkspace(handle.db, "Bench shop");
    await seedConversations(handle, target.workspaceId, target.channelId);
    for (let i = 0; i < OTHER_WORKSPACES; i++) {
      const other = await seedWorkspace(handle.db, `Neighbour ${i}`);
      await seedConversations(handle, other.workspaceId, other.channelId);
    }
    const { workspaceId } = target;
    const firstPage = await listConversations(handle.db, { workspaceId, limit: 50 });
    const deepCursor = (
      await listConversations(handle.db, {
        workspaceId,
        limit: 100,
        after: firstPage.next ?? undefined,
      })
    ).next;
    const conversationIds = firstPage.rows.map((r) => r.id);
    const runs = 300;
    const first = await timeRuns(runs, () =>
      listConversations(handle.db, { workspaceId, limit: 50 }),
    );
    const next = await timeRuns(runs, () =>
      listConversations(handle.db, { workspaceId, limit: 50, after: deepCursor ?? undefined }),
    );
    const msgs = await timeRuns(runs, (i) =>
      listMessages(handle.db, {
        workspaceId,
        conversationId:
          conversationIds[i % conversationIds.length] ?? randomBytes(16).toString("hex"),
        limit: 50,
      }),
    );
    const size = `${CONVERSATIONS * (OTHER_WORKSPACES + 1)} conversations, ${CONVERSATIONS * MESSAGES_PER_CONVERSATION * (OTHER_WORKSPACES + 1)} messages`;
    return [
      ["GET /api/v1/conversations (first page)", first],
      ["GET /api/v1/conversations (cursor page)", next],
      ["GET /api/v1/conversations/{id}/messages", msgs],
    ].map(([benchmark, t]) => ({
      benchmark: benchmark as string,
      engine: kind,
      n: runs,
      p50: ms(percentile(t as number[], 50)),
      p95: ms(percentile(t as number[], 95)),
      extra: size,
    }));
  } finally {
    await handle.close();
  }
}
