import type { Db } from "@/db";
import {
  contactIdsByPhone,
  type HistoryRow,
  importHistoryRows,
  removeAddressBookContact,
  saveAddressBookContact,
  storeOwnerEcho,
  updateAppSync,
} from "@/db/queries/coexistence";
import { notifyLive } from "@/db/queries/live";
import { insertWebhookDelivery } from "@/db/queries/webhooks";
import type { AppSync } from "@/db/schema/channels";
import type { CoexistenceChange, Problem } from "@/lib/whatsapp/parse-delivery";
import { historyMessageSchema } from "@/lib/whatsapp/webhook-schema";
import { routeByPhoneNumberId } from "./channel-cache";
import { messageFields } from "./inbound-items";

type Channel = { id: string; workspaceId: string };

/** Meta's code when the owner declined to share the chat history. */
export const HISTORY_DECLINED = 2593109;

const waIdOf = (phone: string) => phone.replace(/^\+/, "");

export const emptySync = (): AppSync => ({
  requestedAt: null,
  contacts: { status: "requested", received: 0 },
  history: { status: "requested", progress: 0, messages: 0 },
});

// What the owner sent from the phone app: the business's own messages, each stopping the bot.
async function ingestEchoes(tx: Db, channel: Channel, change: CoexistenceChange) {
  const scope = { workspaceId: channel.workspaceId, channelId: channel.id };
  const ids = await contactIdsByPhone(tx, {
    workspaceId: channel.workspaceId,
    waIds: change.echoes.map((e) => waIdOf(e.echo.to)),
  });
  let stored = 0;
  for (const { echo, raw } of change.echoes) {
    const contactId = ids.get(waIdOf(echo.to));
    if (!contactId) throw new Error("An echo's contact was not created");
    if (await storeOwnerEcho(tx, { ...scope, contactId, row: messageFields(echo, raw) }))
      stored += 1;
  }
  return { stored, duplicates: change.echoes.length - stored };
}

async function ingestAddressBook(tx: Db, channel: Channel, change: CoexistenceChange) {
  const { workspaceId } = channel;
  let saved = 0;
  for (const entry of change.addressBook) {
    if (entry.type !== "contact" || !entry.contact) continue;
    const waId = waIdOf(entry.contact.phone_number);
    if (entry.action === "remove") {
      await removeAddressBookContact(tx, { workspaceId, waId });
    } else if (entry.action === "add") {
      const name = entry.contact.full_name?.trim() || entry.contact.first_name?.trim() || null;
      await saveAddressBookContact(tx, { workspaceId, waId, name });
      saved += 1;
    }
  }
  await updateAppSync(tx, {
    workspaceId,
    channelId: channel.id,
    change: (current) => {
      const sync = current ?? emptySync();
      return { ...sync, contacts: { ...sync.contacts, received: sync.contacts.received + saved } };
    },
  });
  // The contacts list and inbox refresh once for the whole address book.
  await notifyLive(tx, [{ w: workspaceId, c: null, k: "conversation" }]);
}

// The chat history, chunk by chunk in whatever order Meta sends them: every message stored once
// with its own time, none answered; progress kept on the number.
async function ingestHistory(
  tx: Db,
  channel: Channel,
  change: CoexistenceChange,
  problems: Problem[],
) {
  const { workspaceId } = channel;
  let imported = 0;
  let progress = 0;
  let declined: string | null = null;
  const rows: (Omit<HistoryRow, "contactId"> & { waId: string })[] = [];
  for (const { chunk, index } of change.history) {
    progress = Math.max(progress, chunk.metadata?.progress ?? 0);
    const refusal = chunk.errors?.find((e) => e.code === HISTORY_DECLINED) ?? chunk.errors?.[0];
    if (refusal) declined = refusal.message ?? refusal.title ?? `Meta error ${refusal.code}`;
    for (const [t, thread] of (chunk.threads ?? []).entries()) {
      const customer = waIdOf(thread.id);
      for (const [m, item] of thread.messages.entries()) {
        const parsed = historyMessageSchema.safeParse(item);
        if (!parsed.success) {
          problems.push({
            path: `${change.path}.value.history[${index}].threads[${t}].messages[${m}]`,
            message: parsed.error.issues[0]?.message ?? "invalid",
          });
          continue;
        }
        const message = parsed.data;
        const fromCustomer =
          message.history_context?.from_me !== true &&
          (message.from === undefined || waIdOf(message.from) === customer);
        const status = message.history_context?.status?.toLowerCase();
        rows.push({
          ...messageFields(message, item as Record<string, unknown>),
          waId: customer,
          direction: fromCustomer ? "inbound" : "outbound",
          status: fromCustomer
            ? "received"
            : status === "delivered" || status === "read" || status === "played"
              ? status
              : status === "failed" || status === "error"
                ? "failed"
                : "sent",
        });
      }
    }
  }
  if (rows.length > 0) {
    const ids = await contactIdsByPhone(tx, { workspaceId, waIds: rows.map((r) => r.waId) });
    const result = await importHistoryRows(tx, {
      workspaceId,
      channelId: channel.id,
      rows: rows.map(({ waId, ...row }) => {
        const contactId = ids.get(waId);
        if (!contactId) throw new Error("A history thread's contact was not created");
        return { ...row, contactId };
      }),
    });
    imported = result.imported;
    // One refresh for the whole chunk, not one alert per past message.
    if (result.conversationIds.length > 0)
      await notifyLive(tx, [{ w: workspaceId, c: null, k: "conversation" }]);
  }
  await updateAppSync(tx, {
    workspaceId,
    channelId: channel.id,
    change: (current) => {
      const sync = current ?? emptySync();
      const history = {
        ...sync.history,
        messages: sync.history.messages + imported,
        progress: Math.max(sync.history.progress, progress),
      };
      if (declined)
        return { ...sync, history: { ...history, status: "declined", error: declined } };
      const done = history.progress >= 100;
      return { ...sync, history: { ...history, status: done ? "done" : "receiving" } };
    },
  });
  return imported;
}

/** Stores one Coexistence change for the workspace that owns its number. */
export async function ingestCoexistence(
  tx: Db,
  change: CoexistenceChange,
): Promise<{ routed: boolean; stored: number; duplicates: number; problems: Problem[] }> {
  const channel = await routeByPhoneNumberId(tx, change.phoneNumberId);
  const delivery = {
    field: change.field,
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
    return { routed: false, stored: 0, duplicates: 0, problems: [] };
  }
  const problems: Problem[] = [];
  let stored = 0;
  let duplicates = 0;
  if (change.field === "smb_message_echoes") {
    ({ stored, duplicates } = await ingestEchoes(tx, channel, change));
  } else if (change.field === "smb_app_state_sync") {
    await ingestAddressBook(tx, channel, change);
  } else {
    stored = await ingestHistory(tx, channel, change, problems);
  }
  const all = [...change.problems, ...problems];
  await insertWebhookDelivery(tx, {
    ...delivery,
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    routed: true,
    problems: all.length > 0 ? all : null,
  });
  return { routed: true, stored, duplicates, problems };
}
