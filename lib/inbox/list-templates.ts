import { getChannelForTemplates } from "@/db/queries/inbox-thread";
import type { ReplyDeps } from "@/lib/bot/deps";
import { decryptSecret } from "@/lib/crypto/secrets";
import { asGraphTemplate, readWabaTemplates } from "@/lib/templates/sync";
import { isGraphError } from "@/lib/whatsapp/graph-errors";
import {
  describeTemplate,
  type InboxTemplate,
  toInboxTemplate,
  type UnsendableReason,
} from "@/lib/whatsapp/templates";

/** A template WhatsApp has not approved (yet): pending review, rejected, paused or disabled. */
export type UnapprovedTemplate = {
  name: string;
  language: string;
  /** Meta's word for it, upper case: PENDING, REJECTED, PAUSED, DISABLED… */
  status: string;
  /** How it will read once approved, or why it could not be sent even then. */
  view: InboxTemplate | Exclude<UnsendableReason, "not_approved">;
};

export type TemplateList =
  | {
      ok: true;
      templates: InboxTemplate[];
      /** Approved templates the inbox cannot send (media headers, link parameters). */
      unsendable: number;
      unapproved: UnapprovedTemplate[];
    }
  | { ok: false; message: string };

/**
 * The number's templates from Parley's copy of its WABA's templates (the Templates page's own
 * source), read again from the Graph API with the number's token when older than a minute.
 */
export async function listInboxTemplates(
  deps: Pick<ReplyDeps, "db" | "graph" | "keyring">,
  p: { workspaceId: string; channelId: string; fresh?: boolean },
): Promise<TemplateList> {
  const channel = await getChannelForTemplates(deps.db, p);
  if (!channel) return { ok: false, message: "This conversation's WhatsApp number was not found." };
  if (!channel.wabaId || !channel.accessTokenEncrypted || channel.status === "disconnected") {
    return {
      ok: false,
      message: "This WhatsApp number is disconnected, so its templates cannot be listed or sent.",
    };
  }
  const token = decryptSecret(
    channel.accessTokenEncrypted,
    deps.keyring,
    "channels.access_token",
    p.workspaceId,
  );
  const templates: InboxTemplate[] = [];
  let unsendable = 0;
  const unapproved: UnapprovedTemplate[] = [];
  let stored: Awaited<ReturnType<typeof readWabaTemplates>>;
  try {
    stored = await readWabaTemplates(deps, {
      workspaceId: p.workspaceId,
      wabaId: channel.wabaId,
      token,
      fresh: p.fresh,
    });
  } catch (error) {
    if (!isGraphError(error)) throw error;
    return {
      ok: false,
      message: `WhatsApp did not list the templates (${error.code}). Try again in a moment; if it persists, re-authorize the number on the WhatsApp page.`,
    };
  }
  for (const t of stored.map(asGraphTemplate)) {
    const view = toInboxTemplate(t);
    if (typeof view !== "string") templates.push(view);
    else if (view !== ("not_approved" satisfies UnsendableReason)) unsendable++;
    else {
      unapproved.push({
        name: t.name,
        language: t.language,
        status: t.status.toUpperCase(),
        view: describeTemplate(t),
      });
    }
  }
  templates.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
  return { ok: true as const, templates, unsendable, unapproved };
}
