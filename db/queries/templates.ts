import { and, asc, eq, inArray, isNotNull, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { channels, messageTemplates, templateSyncs } from "../schema";

export type StoredTemplateInput = {
  metaId: string;
  name: string;
  language: string;
  category: string | null;
  status: string;
  quality: string | null;
  rejectedReason: string | null;
  parameterFormat: string | null;
  components: Record<string, unknown>[];
};

type Scope = { workspaceId: string; wabaId: string };

const scoped = (p: Scope) =>
  and(eq(messageTemplates.workspaceId, p.workspaceId), eq(messageTemplates.wabaId, p.wabaId));

/**
 * Replaces the WABA's stored templates with Meta's full listing: listed ones are written, the
 * rest (deleted in WhatsApp Manager) removed, and the WABA marked as read now.
 */
export async function replaceWabaTemplates(
  db: Db,
  p: Scope & { templates: StoredTemplateInput[] },
) {
  const now = new Date();
  for (const t of p.templates) await upsertTemplate(db, { ...p, ...t });
  const ids = p.templates.map((t) => t.metaId);
  await db
    .delete(messageTemplates)
    .where(ids.length > 0 ? and(scoped(p), notInArray(messageTemplates.metaId, ids)) : scoped(p));
  await db
    .insert(templateSyncs)
    .values({ workspaceId: p.workspaceId, wabaId: p.wabaId, syncedAt: now })
    .onConflictDoUpdate({
      target: [templateSyncs.workspaceId, templateSyncs.wabaId],
      set: { syncedAt: now },
    });
}

/** One template as Meta describes it, created or replaced. */
export async function upsertTemplate(db: Db, p: Scope & StoredTemplateInput) {
  const values = {
    name: p.name,
    language: p.language,
    category: p.category,
    status: p.status,
    quality: p.quality,
    rejectedReason: p.rejectedReason,
    parameterFormat: p.parameterFormat,
    components: p.components,
    seenAt: new Date(),
  };
  const [row] = await db
    .insert(messageTemplates)
    .values({ workspaceId: p.workspaceId, wabaId: p.wabaId, metaId: p.metaId, ...values })
    .onConflictDoUpdate({
      target: [messageTemplates.workspaceId, messageTemplates.wabaId, messageTemplates.metaId],
      set: values,
    })
    .returning({ id: messageTemplates.id });
  return row?.id ?? null;
}

/** When the WABA's templates were last read whole from Meta; null when never. */
export async function getTemplateSyncedAt(db: Db, p: Scope): Promise<Date | null> {
  const [row] = await db
    .select({ syncedAt: templateSyncs.syncedAt })
    .from(templateSyncs)
    .where(and(eq(templateSyncs.workspaceId, p.workspaceId), eq(templateSyncs.wabaId, p.wabaId)));
  return row?.syncedAt ?? null;
}

/** Whether a webhook named a template the copy lacks since the last listing. */
export async function isTemplateCopyStale(db: Db, p: Scope): Promise<boolean> {
  const [row] = await db
    .select({ syncedAt: templateSyncs.syncedAt })
    .from(templateSyncs)
    .where(and(eq(templateSyncs.workspaceId, p.workspaceId), eq(templateSyncs.wabaId, p.wabaId)));
  return row !== undefined && row.syncedAt === null;
}

/** Asks the next reader to list the WABA's templates from Meta again. */
export async function markTemplatesStale(db: Db, p: Scope) {
  await db
    .update(templateSyncs)
    .set({ syncedAt: null })
    .where(and(eq(templateSyncs.workspaceId, p.workspaceId), eq(templateSyncs.wabaId, p.wabaId)));
}

export async function listStoredTemplates(db: Db, p: Scope) {
  return db
    .select()
    .from(messageTemplates)
    .where(scoped(p))
    .orderBy(asc(messageTemplates.name), asc(messageTemplates.language));
}

export type StoredTemplate = Awaited<ReturnType<typeof listStoredTemplates>>[number];

export async function getStoredTemplate(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.workspaceId, p.workspaceId), eq(messageTemplates.id, p.id)));
  return row ?? null;
}

/** Removes a template (every language of the name when `metaIds` is not given). */
export async function deleteStoredTemplates(
  db: Db,
  p: Scope & { name: string; metaIds?: string[] },
) {
  await db
    .delete(messageTemplates)
    .where(
      and(
        scoped(p),
        eq(messageTemplates.name, p.name),
        p.metaIds ? inArray(messageTemplates.metaId, p.metaIds) : undefined,
      ),
    );
}

export type TemplateChange = {
  status?: string;
  rejectedReason?: string | null;
  category?: string;
  categoryNote?: string | null;
  quality?: string;
};

/**
 * Applies what a template webhook says to the stored template with this Meta id; false when no
 * workspace copy has it yet (the next listing brings it whole).
 */
export async function applyTemplateChange(
  db: Db,
  p: Scope & { metaId: string; change: TemplateChange },
): Promise<boolean> {
  const set = Object.fromEntries(
    Object.entries(p.change).filter(([, v]) => v !== undefined),
  ) as TemplateChange;
  const rows = await db
    .update(messageTemplates)
    .set({ ...set, seenAt: sql`now()` })
    .where(and(scoped(p), eq(messageTemplates.metaId, p.metaId)))
    .returning({ id: messageTemplates.id });
  return rows.length > 0;
}

/** The workspace's numbers that can manage templates: connected, with a WABA and a token. */
export async function listTemplateNumbers(db: Db, workspaceId: string) {
  return db
    .select({
      id: channels.id,
      wabaId: channels.wabaId,
      phoneNumberId: channels.phoneNumberId,
      displayPhoneNumber: channels.displayPhoneNumber,
      verifiedName: channels.verifiedName,
      status: channels.status,
      accessTokenEncrypted: channels.accessTokenEncrypted,
    })
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, workspaceId),
        isNotNull(channels.wabaId),
        isNotNull(channels.accessTokenEncrypted),
        ne(channels.status, "disconnected"),
      ),
    )
    .orderBy(asc(channels.createdAt), asc(channels.id));
}
