import {
  type ContactValues,
  createContact,
  eraseContact,
  getContact,
  updateContact,
} from "@/db/queries/contacts";
import type { ActionResult, WorkspaceActor } from "@/lib/auth/workspace";
import type { ContactFields } from "@/lib/validations/contact";
import { normalizePhone } from "./phone";

const NOT_FOUND = {
  ok: false,
  code: "not_found",
  message: "This contact does not exist any more. Reload the page.",
} as const;

const optInValues = (o: ContactFields["optIn"], now: Date): ContactValues["optIn"] =>
  o ? { status: o.status, source: o.source ?? null, at: now } : undefined;

/** Adds a contact by phone (international form); a phone the workspace has is a conflict. */
export async function createWorkspaceContact(
  ctx: WorkspaceActor,
  input: ContactFields & { phone: string },
): Promise<ActionResult<{ id: string }>> {
  const phone = normalizePhone(input.phone);
  if (!phone.ok) {
    return {
      ok: false,
      code: "invalid",
      message: phone.message,
      fieldErrors: { phone: phone.message },
    };
  }
  const created = await createContact(ctx.db, {
    workspaceId: ctx.workspace.id,
    waId: phone.waId,
    name: input.name || null,
    tags: input.tags,
    attributes: input.attributes,
    optIn: optInValues(input.optIn, new Date()),
  });
  if (!created) {
    return {
      ok: false,
      code: "conflict",
      message: `The workspace already has a contact with phone ${phone.e164}.`,
    };
  }
  await ctx.audit("contact.created", created.id, { fields: Object.keys(input) });
  return { ok: true, data: { id: created.id } };
}

/**
 * Changes the fields given; the others keep their values. Changing the opt-in records its source
 * and time; setting the same state again keeps the first time it was given.
 */
export async function updateWorkspaceContact(
  ctx: WorkspaceActor,
  input: ContactFields & { id: string; optInCleared?: boolean },
): Promise<ActionResult<{ id: string }>> {
  const workspaceId = ctx.workspace.id;
  const before = await getContact(ctx.db, { workspaceId, id: input.id });
  if (!before) return NOT_FOUND;
  const now = new Date();
  const optInChanged =
    input.optIn &&
    (input.optIn.status !== before.marketingOptIn ||
      (input.optIn.source ?? null) !== before.marketingOptInSource);
  const optIn: ContactValues["optIn"] = input.optInCleared
    ? before.marketingOptIn
      ? { status: null, source: null, at: null }
      : undefined
    : optInChanged
      ? optInValues(input.optIn, now)
      : undefined;
  const updated = await updateContact(ctx.db, {
    workspaceId,
    id: input.id,
    ...(input.name !== undefined && { name: input.name || null }),
    tags: input.tags,
    attributes: input.attributes,
    optIn,
  });
  if (!updated) return NOT_FOUND;
  const changed = [
    input.name !== undefined && (input.name || null) !== before.name && "name",
    input.tags && JSON.stringify(input.tags) !== JSON.stringify(before.tags) && "tags",
    input.attributes &&
      JSON.stringify(input.attributes) !== JSON.stringify(before.attributes) &&
      "attributes",
    optIn && "marketing_opt_in",
  ].filter(Boolean);
  await ctx.audit("contact.updated", input.id, {
    changed,
    ...(optIn && { optIn: optIn.status, source: optIn.source }),
  });
  return { ok: true, data: { id: input.id } };
}

/**
 * Erases the contact for a data-protection request: its messages, media references, personal
 * fields and the raw webhooks naming it. The audit entry keeps only what was removed and by whom,
 * no personal data.
 */
export async function eraseWorkspaceContact(
  ctx: WorkspaceActor,
  input: { id: string },
): Promise<ActionResult<{ conversations: number; messages: number }>> {
  const workspaceId = ctx.workspace.id;
  const removed = await ctx.db.transaction((tx) => eraseContact(tx, { workspaceId, id: input.id }));
  if (!removed) return NOT_FOUND;
  await ctx.audit("contact.erased", input.id, removed);
  return { ok: true, data: { conversations: removed.conversations, messages: removed.messages } };
}
