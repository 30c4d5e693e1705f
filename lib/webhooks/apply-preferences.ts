import type { Db } from "@/db";
import { applyMarketingPreference } from "@/db/queries/contacts";
import { findChannelsByWabaId, insertWebhookDelivery } from "@/db/queries/webhooks";
import type { PreferencesChange, Problem } from "@/lib/whatsapp/parse-delivery";
import { routeByPhoneNumberId } from "./channel-cache";

const STATES: Record<string, "opted_in" | "opted_out"> = {
  stop: "opted_out",
  resume: "opted_in",
};

/**
 * A customer stopped or resumed marketing messages from inside WhatsApp: the contact's marketing
 * opt-in follows at once, in every workspace the number (or, without one, the WhatsApp Business
 * account) belongs to. Returns the problems met and whether the change was routed.
 */
export async function ingestPreferences(
  tx: Db,
  change: PreferencesChange,
): Promise<{ routed: boolean; problems: Problem[] }> {
  const byPhone = change.phoneNumberId
    ? await routeByPhoneNumberId(tx, change.phoneNumberId)
    : null;
  const channels = byPhone
    ? [byPhone]
    : change.wabaId
      ? await findChannelsByWabaId(tx, change.wabaId)
      : [];
  const base = {
    field: "user_preferences",
    phoneNumberId: change.phoneNumberId,
    wabaId: change.wabaId,
    payload: change.raw,
  };
  if (channels.length === 0) {
    await insertWebhookDelivery(tx, { ...base, routed: false });
    return { routed: false, problems: [] };
  }
  const problems: Problem[] = [...change.problems];
  const workspaces = new Map(channels.map((c) => [c.workspaceId, c.id]));
  change.preferences.forEach((p, i) => {
    const path = `${change.path}.value.user_preferences[${i}]`;
    if (p.category !== "marketing_messages" || !(p.value in STATES)) {
      problems.push({ path, message: `unknown preference ${p.category}=${p.value}` });
    } else if (!p.wa_id && !p.user_id) {
      problems.push({ path, message: "no customer (wa_id or user_id)" });
    }
  });
  for (const [workspaceId, channelId] of workspaces) {
    for (const p of change.preferences) {
      const status = STATES[p.value];
      if (p.category !== "marketing_messages" || !status || (!p.wa_id && !p.user_id)) continue;
      await applyMarketingPreference(tx, {
        workspaceId,
        waId: p.wa_id ?? null,
        userId: p.user_id ?? null,
        status,
        at: p.timestamp,
      });
    }
    await insertWebhookDelivery(tx, {
      ...base,
      workspaceId,
      channelId,
      routed: true,
      problems: problems.length > 0 ? problems : null,
    });
  }
  return { routed: true, problems };
}
