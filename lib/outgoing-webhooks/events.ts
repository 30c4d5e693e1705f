import type { Db } from "@/db";
import { listMessagesForEvents } from "@/db/queries/outgoing-webhooks";
import { log } from "@/lib/log";
import type { StatusEvent } from "@/lib/webhooks/ingest-delivery";
import { emitEvent, isSubscribed } from "./emit";

// The events Parley sends owners' endpoints, each built where it happens. Every function costs
// one cached lookup when the workspace has no endpoint for the event.

const byWorkspace = <T extends { workspaceId: string }>(items: T[]) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.workspaceId) ?? [];
    group.push(item);
    groups.set(item.workspaceId, group);
  }
  return groups;
};

/** `message.received` for each new customer message, `message.status` for each status. */
export async function emitDeliveryEvents(
  db: Db,
  result: { received: { workspaceId: string; messageId: string }[]; statusEvents: StatusEvent[] },
) {
  try {
    await emitEach(db, result);
  } catch (err) {
    // Stored already: only the owners' copies of these events are lost, and the log says so.
    log.error({ err }, "Could not queue outgoing webhook events for a delivery");
  }
}

async function emitEach(
  db: Db,
  result: { received: { workspaceId: string; messageId: string }[]; statusEvents: StatusEvent[] },
) {
  for (const [workspaceId, received] of byWorkspace(result.received)) {
    if (!(await isSubscribed(db, workspaceId, "message.received"))) continue;
    const rows = await listMessagesForEvents(db, {
      workspaceId,
      ids: received.map((r) => r.messageId),
    });
    for (const m of rows) {
      await emitEvent(db, workspaceId, {
        type: "message.received",
        id: `evt_${m.id}_received`,
        data: {
          message: {
            id: m.id,
            conversationId: m.conversationId,
            waMessageId: m.waMessageId,
            type: m.type,
            text: m.text,
            createdAt: m.createdAt.toISOString(),
          },
          contact: { id: m.contactId, waId: m.waId, name: m.name },
        },
      });
    }
  }
  for (const [workspaceId, statuses] of byWorkspace(result.statusEvents)) {
    if (!(await isSubscribed(db, workspaceId, "message.status"))) continue;
    for (const s of statuses) {
      await emitEvent(db, workspaceId, {
        type: "message.status",
        id: `evt_${s.waMessageId}_${s.status}`,
        data: {
          waMessageId: s.waMessageId,
          status: s.status,
          at: s.at,
          errorCode: s.errorCode,
        },
      });
    }
  }
}

/** `message.sent`: a reply (the bot's or a person's) was accepted by WhatsApp. */
export async function emitMessageSent(
  db: Db,
  m: { workspaceId: string; id: string; conversationId: string; waMessageId: string; text: string },
) {
  await emitEvent(db, m.workspaceId, {
    type: "message.sent",
    id: `evt_${m.id}_sent`,
    data: {
      message: {
        id: m.id,
        conversationId: m.conversationId,
        waMessageId: m.waMessageId,
        text: m.text,
      },
    },
  });
}

/** `conversation.handed_off`: the conversation now waits for a person. */
export async function emitHandedOff(
  db: Db,
  p: { workspaceId: string; conversationId: string; reason: string; messageId?: string | null },
) {
  await emitEvent(db, p.workspaceId, {
    type: "conversation.handed_off",
    data: {
      conversation: { id: p.conversationId },
      reason: p.reason,
      messageId: p.messageId ?? null,
    },
  });
}

/** `conversation.closed`: a person closed the conversation. */
export async function emitConversationClosed(
  db: Db,
  p: { workspaceId: string; conversationId: string; closedBy: string | null },
) {
  await emitEvent(db, p.workspaceId, {
    type: "conversation.closed",
    data: { conversation: { id: p.conversationId }, closedBy: p.closedBy },
  });
}

/** `contact.opted_out`: the customer asked for no more messages (STOP). */
export async function emitOptedOut(
  db: Db,
  p: { workspaceId: string; contactId: string; waId: string | null },
) {
  await emitEvent(db, p.workspaceId, {
    type: "contact.opted_out",
    data: { contact: { id: p.contactId, waId: p.waId } },
  });
}
