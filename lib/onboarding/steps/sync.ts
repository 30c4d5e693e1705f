import { markCoexistence, updateAppSync } from "@/db/queries/coexistence";
import type { AppSync } from "@/db/schema/channels";
import { channelAccessToken } from "@/lib/bot/channel-token";
import { emptySync } from "@/lib/webhooks/ingest-coexistence";
import { paceChannel } from "@/lib/whatsapp";
import { appSyncAdvice, asGraphError } from "../advice";
import type { Step } from "./step";

/** The finish event of Embedded Signup's WhatsApp Business app onboarding (Coexistence). */
export const COEXISTENCE_EVENT = "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING";
/** Meta accepts the contacts and history sync only this long after the number was onboarded. */
export const SYNC_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * A number shared with the WhatsApp Business app: marks it so (it sends at 20 messages a second),
 * then asks WhatsApp once for the app's contacts and chat history, which arrive as webhooks.
 */
export const sync: Step = async ({ deps, session }) => {
  if (session.event !== COEXISTENCE_EVENT) {
    return {
      status: "skipped",
      message: "Only for numbers shared with the WhatsApp Business app.",
    };
  }
  const { channelId, phoneNumberId, workspaceId } = session;
  if (!channelId || !phoneNumberId) {
    return { status: "failed", message: "There is no connected number to sync yet." };
  }
  await markCoexistence(deps.db, { workspaceId, channelId });
  paceChannel(phoneNumberId, true);
  if (Date.now() - session.createdAt.getTime() > SYNC_WINDOW_MS) {
    return {
      status: "failed",
      message:
        "Meta allows the contacts and history sync only within 24 hours of the signup, and that time has passed. Your number works; past chats just stay on your phone.",
    };
  }
  const token = await channelAccessToken(deps, { workspaceId, channelId });
  const scope = { workspaceId, channelId };
  const current = await updateAppSync(deps.db, { ...scope, change: () => null });
  const patch = (change: (s: AppSync) => AppSync) =>
    updateAppSync(deps.db, { ...scope, change: (s) => change(s ?? emptySync()) });
  // Each kind may be asked for once: a retry asks only for what failed before.
  const needContacts = !current?.requestedAt || current.contacts.status === "failed";
  const needHistory = !current?.requestedAt || current.history.status === "failed";
  for (const kind of ["contacts", "history"] as const) {
    if (kind === "contacts" ? !needContacts : !needHistory) continue;
    try {
      await deps.graph.requestAppDataSync(
        phoneNumberId,
        token,
        kind === "contacts" ? "smb_app_state_sync" : "history",
      );
    } catch (error) {
      const e = asGraphError(error);
      await patch((s) => ({ ...s, [kind]: { ...s[kind], status: "failed", error: e.message } }));
      return { status: "failed", message: appSyncAdvice(e), code: e.code };
    }
    await patch((s) => ({
      ...s,
      requestedAt: s.requestedAt ?? new Date().toISOString(),
      [kind]: { ...s[kind], status: "requested", error: undefined },
    }));
  }
  return {
    status: "ok",
    message:
      "WhatsApp is sending your Business app's contacts and chat history; they appear in Contacts and the inbox over the next minutes. Messages you send from the app show in the inbox too, and pause the bot in that chat.",
  };
};
