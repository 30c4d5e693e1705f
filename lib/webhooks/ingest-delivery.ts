import type { Database, Db } from "@/db";
import { isRowRefusal } from "@/db/errors";
import { recordAudit } from "@/db/queries/audit-log";
import { markChannelRevoked, markMarketingMessagesOnboarded } from "@/db/queries/channels";
import { setContactUsernames } from "@/db/queries/contacts";
import { notifyConversations, notifyStatuses } from "@/db/queries/live";
import { flagWindowClosed } from "@/db/queries/replies";
import {
  findChannelsByWabaId,
  insertWebhookDelivery,
  listPendingByWaIds,
  type PendingMessage,
  storeSingleInbound,
} from "@/db/queries/webhooks";
import type {
  AccountChange,
  MessagesChange,
  ParsedChange,
  Problem,
} from "@/lib/whatsapp/parse-delivery";
import { ingestPreferences } from "./apply-preferences";
import { applyStatuses, decisive } from "./apply-statuses";
import { routeByPhoneNumberId } from "./channel-cache";
import { inboundItems, toInboundRow } from "./inbound-items";
import { ingestCoexistence } from "./ingest-coexistence";
import { applyStatusDeliveryBatched } from "./status-batch";
import { storeInbound } from "./store-inbound";
import { applyTemplateWebhook, TEMPLATE_FIELDS } from "./template-updates";

export type IngestResult = {
  /** Inbound messages waiting for their reply: new ones, and redelivered ones still pending. */
  pending: PendingMessage[];
  stored: number;
  duplicates: number;
  statuses: number;
  unrouted: number;
  problems: Problem[];
  /** Channels Meta revoked in this delivery (first time only): their owners are told. */
  revoked: { workspaceId: string; channelId: string }[];
  /** Inbound messages stored for the first time by this delivery, for owners' webhooks. */
  received: PendingMessage[];
  /** The statuses of this delivery that reached a workspace, for owners' webhooks. */
  statusEvents: StatusEvent[];
  /** Conversations this delivery handed to a person (the 24-hour window closed on a reply). */
  handedOff: { workspaceId: string; conversationId: string }[];
};

export type StatusEvent = {
  workspaceId: string;
  waMessageId: string;
  status: string;
  at: string | null;
  errorCode: number | null;
};

const statusEvents = (
  workspaceId: string,
  statuses: { id: string; status: string; timestamp: Date; errors?: { code?: number }[] }[],
): StatusEvent[] =>
  statuses.map((s) => ({
    workspaceId,
    waMessageId: s.id,
    status: s.status,
    at: Number.isNaN(s.timestamp.getTime()) ? null : s.timestamp.toISOString(),
    errorCode: s.errors?.[0]?.code ?? null,
  }));

async function ingestMessages(tx: Db, change: MessagesChange, result: IngestResult) {
  const channel = await routeByPhoneNumberId(tx, change.phoneNumberId);
  const delivery = {
    field: "messages",
    phoneNumberId: change.phoneNumberId,
    wabaId: change.wabaId,
    payload: change.raw,
  };
  if (!channel) {
    await insertWebhookDelivery(tx, {
      ...delivery,
      routed: false,
      problems: change.problems.length > 0 ? change.problems : null,
    });
    result.unrouted += 1;
    return;
  }
  const { workspaceId } = channel;
  const { items, problems } = inboundItems(channel, change);
  const stored = await storeInbound(tx, channel, items);
  const usernames = change.contacts.flatMap((c) =>
    c.profile?.username
      ? [{ waId: c.wa_id ?? null, userId: c.user_id ?? null, username: c.profile.username }]
      : [],
  );
  if (usernames.length > 0) await setContactUsernames(tx, { workspaceId, items: usernames });
  result.stored += stored.stored;
  result.duplicates += stored.duplicates.length;
  result.pending.push(...stored.pending);
  result.received.push(...stored.pending);
  problems.push(...stored.problems);

  const scope = { workspaceId, channelId: channel.id };
  // Open inboxes hear of it when this transaction commits.
  await notifyConversations(tx, {
    workspaceId,
    kind: "inbound",
    conversationIds: stored.pending.map((p) => p.conversationId),
  });
  problems.push(
    ...(await applyStatuses(
      tx,
      scope,
      change.statuses.map(({ status, index }) => ({
        status,
        path: `${change.path}.value.statuses[${index}]`,
      })),
    )),
  );
  await notifyStatuses(tx, { ...scope, waMessageIds: change.statuses.map((s) => s.status.id) });
  result.statuses += change.statuses.length;
  result.statusEvents.push(
    ...statusEvents(
      workspaceId,
      change.statuses.map((s) => s.status),
    ),
  );
  // Free text sent after the 24-hour window fails this way: only a person with a template can
  // reach the customer now.
  const windowClosed = change.statuses
    .filter(({ status: s }) => s.status === "failed" && s.errors?.[0]?.code === 131047)
    .map(({ status: s }) => s.id);
  const flagged = await flagWindowClosed(tx, { ...scope, waMessageIds: windowClosed });
  result.handedOff.push(...flagged.map((conversationId) => ({ workspaceId, conversationId })));
  // A redelivered message whose first job never finished is dispatched again (idempotently).
  if (stored.duplicates.length > 0) {
    const queued = new Set(result.pending.map((p) => p.messageId));
    const stillPending = await listPendingByWaIds(tx, {
      ...scope,
      waMessageIds: stored.duplicates,
    });
    result.pending.push(...stillPending.filter((p) => !queued.has(p.messageId)));
  }
  // Kept raw with every item that could not be read or stored, for diagnosis.
  const allProblems = [...change.problems, ...problems];
  await insertWebhookDelivery(tx, {
    ...delivery,
    workspaceId,
    channelId: channel.id,
    routed: true,
    problems: allProblems.length > 0 ? allProblems : null,
  });
  result.problems.push(...problems);
}

async function ingestAccountChange(tx: Db, change: AccountChange, result: IngestResult) {
  const routed = change.wabaId ? await findChannelsByWabaId(tx, change.wabaId) : [];
  const base = { field: change.field, wabaId: change.wabaId, payload: change.raw };
  if (routed.length === 0) {
    result.unrouted += 1;
    await insertWebhookDelivery(tx, { ...base, routed: false });
    return;
  }
  const templatesApplied = new Set<string>();
  for (const channel of routed) {
    await insertWebhookDelivery(tx, {
      ...base,
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      routed: true,
    });
    // Templates belong to the WABA: once per workspace, whichever of its numbers it names.
    if (TEMPLATE_FIELDS.has(change.field) && !templatesApplied.has(channel.workspaceId)) {
      templatesApplied.add(channel.workspaceId);
      const read = await applyTemplateWebhook(tx, {
        workspaceId: channel.workspaceId,
        wabaId: change.wabaId ?? "",
        field: change.field,
        value: (change.raw as { change?: { value?: unknown } }).change?.value,
      });
      if (!read) result.problems.push({ path: change.path, message: "unreadable template update" });
    }
    if (change.field === "account_update" && change.event === "MM_LITE_TERMS_SIGNED") {
      await markMarketingMessagesOnboarded(tx, {
        workspaceId: channel.workspaceId,
        id: channel.id,
        at: new Date(),
      });
    }
    if (change.field === "account_update" && change.event === "PARTNER_APP_UNINSTALLED") {
      const revoked = await markChannelRevoked(tx, {
        workspaceId: channel.workspaceId,
        id: channel.id,
        reason:
          "Parley's access was removed in Meta (the app was uninstalled from your WhatsApp Business account). Connect the number again to resume.",
      });
      if (revoked) {
        await recordAudit(tx, {
          workspaceId: channel.workspaceId,
          actorType: "system",
          action: "channel.disconnected",
          target: channel.id,
          details: { by: "meta", event: change.event },
        });
        result.revoked.push({ workspaceId: channel.workspaceId, channelId: channel.id });
      }
    }
  }
}

const emptyResult = (): IngestResult => ({
  pending: [],
  stored: 0,
  duplicates: 0,
  statuses: 0,
  unrouted: 0,
  problems: [],
  revoked: [],
  received: [],
  statusEvents: [],
  handedOff: [],
});

// Most deliveries carry one message from a customer known by phone; those take one statement.
async function ingestSingleMessage(
  db: Database,
  changes: ParsedChange[],
): Promise<IngestResult | null> {
  const [change] = changes;
  if (changes.length !== 1 || change?.kind !== "messages") return null;
  const [item] = change.messages;
  if (
    change.messages.length !== 1 ||
    !item ||
    change.statuses.length > 0 ||
    change.problems.length > 0
  )
    return null;
  const { message, raw } = item;
  if (!message.from || message.from_user_id) return null;
  const profile = change.contacts.find((c) => c.wa_id === message.from);
  if (profile?.user_id || profile?.profile?.username) return null;
  const channel = await routeByPhoneNumberId(db, change.phoneNumberId);
  if (!channel) return null;
  let stored: Awaited<ReturnType<typeof storeSingleInbound>>;
  try {
    stored = await storeSingleInbound(db, {
      ...toInboundRow(channel, message, raw),
      phoneNumberId: change.phoneNumberId,
      wabaId: change.wabaId,
      delivery: change.raw,
      waId: message.from,
      name: profile?.profile?.name ?? null,
    });
  } catch (error) {
    // The general path stores what it can of it and reports the rest.
    if (isRowRefusal(error)) return null;
    throw error;
  }
  if (!stored) return null;
  const result = emptyResult();
  if (stored.messageId) {
    result.stored = 1;
    const fresh = {
      workspaceId: channel.workspaceId,
      conversationId: stored.conversationId,
      channelId: channel.id,
      messageId: stored.messageId,
    };
    result.pending.push(fresh);
    result.received.push(fresh);
  } else {
    result.duplicates = 1;
    result.pending.push(
      ...(await listPendingByWaIds(db, {
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        waMessageIds: [message.id],
      })),
    );
  }
  return result;
}

// Every sent message brings back statuses (sent, delivered, read), one per delivery: those whose
// messages are known take one statement. A failed status may flag the conversation; it goes the
// general way.
async function ingestStatusesOnly(
  db: Database,
  changes: ParsedChange[],
): Promise<IngestResult | null> {
  const [change] = changes;
  if (changes.length !== 1 || change?.kind !== "messages") return null;
  if (change.messages.length > 0 || change.statuses.length === 0 || change.problems.length > 0)
    return null;
  if (change.statuses.some(({ status }) => status.status === "failed")) return null;
  const channel = await routeByPhoneNumberId(db, change.phoneNumberId);
  if (!channel) return null;
  const applied = await applyStatusDeliveryBatched(db, {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    statuses: decisive(change.statuses.map(({ status }) => status)),
    delivery: { phoneNumberId: change.phoneNumberId, wabaId: change.wabaId, payload: change.raw },
  });
  if (!applied) return null;
  return {
    ...emptyResult(),
    statuses: change.statuses.length,
    statusEvents: statusEvents(
      channel.workspaceId,
      change.statuses.map((s) => s.status),
    ),
  };
}

/**
 * Stores one delivery atomically: everything storable in it is durable, or nothing is and Meta
 * retries (the database was unavailable). Items PostgreSQL refuses are reported, not retried.
 */
export async function ingestDelivery(db: Database, changes: ParsedChange[]): Promise<IngestResult> {
  const fast = (await ingestSingleMessage(db, changes)) ?? (await ingestStatusesOnly(db, changes));
  if (fast) return fast;
  return db.transaction(async (tx) => {
    const result = emptyResult();
    for (const change of changes) {
      result.problems.push(...change.problems);
      if (change.kind === "messages") await ingestMessages(tx, change, result);
      else if (change.kind === "account") await ingestAccountChange(tx, change, result);
      else if (change.kind === "coexistence") {
        const applied = await ingestCoexistence(tx, change);
        if (!applied.routed) result.unrouted += 1;
        result.stored += applied.stored;
        result.duplicates += applied.duplicates;
        result.problems.push(...applied.problems);
      } else if (change.kind === "preferences") {
        const applied = await ingestPreferences(tx, change);
        if (!applied.routed) result.unrouted += 1;
        result.problems.push(...applied.problems.slice(change.problems.length));
      } else {
        result.unrouted += 1;
        await insertWebhookDelivery(tx, {
          routed: false,
          payload: change.raw,
          problems: change.problems,
        });
      }
    }
    return result;
  });
}
