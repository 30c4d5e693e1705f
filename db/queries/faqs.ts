import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { FaqSort } from "@/lib/validations/faq";
import type { Db } from "../client";
import { faqs } from "../schema";
import type { Position } from "./conversations";

type FaqInput = {
  question: string;
  answer: string;
  keywords?: string[];
  examples?: string[];
  priority?: number;
};
type FaqValues = {
  question: string;
  answer: string;
  keywords: string[];
  examples?: string[];
  priority: number;
  active: boolean;
};

// Upserts by question text within the workspace; FAQs not named are left as they are, and a
// saved FAQ keeps its examples when the input gives none (files written before they existed).
export async function upsertFaqs(db: Db, params: { workspaceId: string; faqs: FaqInput[] }) {
  const withExamples = params.faqs.filter((f) => f.examples !== undefined);
  const without = params.faqs.filter((f) => f.examples === undefined);
  for (const [list, keepExamples] of [
    [withExamples, false],
    [without, true],
  ] as const) {
    if (list.length === 0) continue;
    await db
      .insert(faqs)
      .values(list.map((f) => ({ workspaceId: params.workspaceId, ...f })))
      .onConflictDoUpdate({
        target: [faqs.workspaceId, faqs.question],
        set: {
          answer: sql`excluded.answer`,
          keywords: sql`excluded.keywords`,
          ...(!keepExamples && { examples: sql`excluded.examples` }),
          priority: sql`excluded.priority`,
          updatedAt: sql`now()`,
        },
      });
  }
}

/** Every FAQ of the workspace, oldest first: for the export and for planning an import. */
export async function listFaqs(db: Db, params: { workspaceId: string }) {
  return db
    .select({
      id: faqs.id,
      question: faqs.question,
      answer: faqs.answer,
      keywords: faqs.keywords,
      examples: faqs.examples,
      priority: faqs.priority,
      active: faqs.active,
    })
    .from(faqs)
    .where(eq(faqs.workspaceId, params.workspaceId))
    .orderBy(asc(faqs.createdAt), asc(faqs.id));
}

/** Ids and questions only, to tell whether a question is already asked. */
export async function listFaqQuestions(db: Db, params: { workspaceId: string }) {
  return db
    .select({ id: faqs.id, question: faqs.question })
    .from(faqs)
    .where(eq(faqs.workspaceId, params.workspaceId));
}

const row = {
  id: faqs.id,
  question: faqs.question,
  answer: faqs.answer,
  keywords: faqs.keywords,
  examples: faqs.examples,
  priority: faqs.priority,
  active: faqs.active,
  hitCount: faqs.hitCount,
  lastMatchedAt: faqs.lastMatchedAt,
  createdAt: faqs.createdAt,
};

/** One page of the workspace's FAQs, oldest first, for the public API. */
export async function listFaqsPage(
  db: Db,
  params: { workspaceId: string; after?: Position; limit: number },
) {
  const rows = await db
    .select({ ...row, updatedAt: faqs.updatedAt, position: sql<string>`${faqs.createdAt}::text` })
    .from(faqs)
    .where(
      and(
        eq(faqs.workspaceId, params.workspaceId),
        params.after
          ? sql`(${faqs.createdAt}, ${faqs.id}) > (${params.after.at}::timestamptz, ${params.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(faqs.createdAt), asc(faqs.id))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ position: _position, ...faq }) => faq),
    next: rows.length > params.limit && last ? { at: last.position, id: last.id } : null,
  };
}

export async function getFaq(db: Db, params: { workspaceId: string; id: string }) {
  const [found] = await db
    .select(row)
    .from(faqs)
    .where(and(eq(faqs.id, params.id), eq(faqs.workspaceId, params.workspaceId)));
  return found ?? null;
}

/** The new FAQ, or null when the workspace already has this exact question. */
export async function createFaq(db: Db, params: { workspaceId: string } & FaqValues) {
  const [created] = await db
    .insert(faqs)
    .values(params)
    .onConflictDoNothing({ target: [faqs.workspaceId, faqs.question] })
    .returning(row);
  return created ?? null;
}

/** The updated FAQ, or null when the workspace has no FAQ with this id. */
export async function updateFaq(
  db: Db,
  { workspaceId, id, ...values }: { workspaceId: string; id: string } & Partial<FaqValues>,
) {
  const [updated] = await db
    .update(faqs)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(faqs.id, id), eq(faqs.workspaceId, workspaceId)))
    .returning(row);
  return updated ?? null;
}

export async function deleteFaq(db: Db, params: { workspaceId: string; id: string }) {
  const [deleted] = await db
    .delete(faqs)
    .where(and(eq(faqs.id, params.id), eq(faqs.workspaceId, params.workspaceId)))
    .returning({ id: faqs.id, question: faqs.question });
  return deleted ?? null;
}

/** Writes an import: new FAQs inserted, matched ones overwritten (their hit counts are kept). */
export async function applyFaqImport(
  db: Db,
  params: {
    workspaceId: string;
    creates: FaqValues[];
    updates: (FaqValues & { id: string })[];
  },
) {
  const CHUNK = 1000;
  for (let i = 0; i < params.creates.length; i += CHUNK) {
    await db
      .insert(faqs)
      .values(
        params.creates.slice(i, i + CHUNK).map((f) => ({ workspaceId: params.workspaceId, ...f })),
      );
  }
  if (params.updates.length === 0) return;
  // One statement for all updates: the rows travel as one JSON parameter.
  await db.execute(sql`
    update ${faqs} set
      question = v.question, answer = v.answer, keywords = v.keywords, examples = v.examples,
      priority = v.priority, active = v.active, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(params.updates.map((u) => ({ ...u, examples: u.examples ?? [] })))}::jsonb)
      as v(id uuid, question text, answer text, keywords text[], examples text[],
        priority integer, active boolean)
    where ${faqs.id} = v.id and ${faqs.workspaceId} = ${params.workspaceId}`);
}

const ORDER: Record<FaqSort, SQL[]> = {
  priority: [desc(faqs.priority), sql`lower(${faqs.question})`],
  hits: [desc(faqs.hitCount), sql`${faqs.lastMatchedAt} desc nulls last`],
  matched: [sql`${faqs.lastMatchedAt} desc nulls last`, desc(faqs.hitCount)],
  newest: [desc(faqs.createdAt)],
  az: [sql`lower(${faqs.question})`],
};

// Accented Latin letters and what they fold to, so "cafe" finds "Café" on any server locale
// without the unaccent extension. Each side is one character per letter, as translate() needs.
const ACCENTED =
  "ÀÁÂÃÄÅàáâãäåÇçĆćČčĎďÈÉÊËèéêëĚěĘęÌÍÎÏìíîïıŁłÑñŃńŇňÒÓÔÕÖØòóôõöøŘřŚśŠšŞşŤťÙÚÛÜùúûüŮůÝýÿŹźŻżŽž";
const PLAIN =
  "aaaaaaaaaaaaccccccddeeeeeeeeeeeeiiiiiiiiillnnnnnnoooooooooooorrssssssttuuuuuuuuuuyyyzzzzzz";

/** The search text folded the way the query folds the FAQ's text. */
function foldForSearch(text: string): string {
  let out = "";
  for (const c of text.toLowerCase()) {
    const at = ACCENTED.indexOf(c);
    out += at === -1 ? c : PLAIN[at];
  }
  return out;
}

const haystack = sql`translate(lower(${faqs.question} || ' ' || ${faqs.answer} || ' ' || array_to_string(${faqs.keywords}, ' ') || ' ' || array_to_string(${faqs.examples}, ' ')), ${ACCENTED}, ${PLAIN})`;

/**
 * One page of the workspace's FAQs: each word of `q` must appear in the question, answer or
 * keywords, ignoring case and accents. `matching` counts the FAQs the search finds, `total` all.
 */
export async function searchFaqs(
  db: Db,
  p: { workspaceId: string; q: string; sort: FaqSort; limit: number; offset: number },
) {
  // A few words narrow a search enough; more would only lengthen the query.
  const terms = foldForSearch(p.q).split(/\s+/).filter(Boolean).slice(0, 8);
  const match = terms.length
    ? and(...terms.map((t) => sql`${haystack} like ${`%${t.replace(/[\\%_]/g, "\\$&")}%`}`))
    : undefined;
  const where = and(eq(faqs.workspaceId, p.workspaceId), match);
  const [rows, [counts]] = await Promise.all([
    db
      .select(row)
      .from(faqs)
      .where(where)
      .orderBy(...ORDER[p.sort], asc(faqs.id))
      .limit(p.limit)
      .offset(p.offset),
    db
      .select({
        total: sql<number>`count(*)`.mapWith(Number),
        matching: match
          ? sql<number>`count(*) filter (where ${match})`.mapWith(Number)
          : sql<number>`count(*)`.mapWith(Number),
      })
      .from(faqs)
      .where(eq(faqs.workspaceId, p.workspaceId)),
  ]);
  return { rows, total: counts?.total ?? 0, matching: counts?.matching ?? 0 };
}

/**
 * Serialises FAQ writes of one workspace until the transaction ends: questions are unique
 * whatever their case, which is checked before writing, so two writers must not interleave.
 */
export async function lockWorkspaceFaqs(tx: Db, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`faqs:${workspaceId}`}))`);
}

export async function countFaqs(db: Db, workspaceId: string) {
  return db.$count(faqs, eq(faqs.workspaceId, workspaceId));
}

/**
 * Cheap fingerprint of a workspace's FAQ: changes on every add, edit, (de)activation or delete.
 * It sums the edit times rather than taking the latest: an edit whose time is not the newest (a
 * long import transaction committing after a quick edit, or another server's clock) still
 * changes the sum, where it would leave a maximum as it was.
 */
export async function faqVersion(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({ version: faqVersionSql(workspaceId) })
    .from(sql`(select 1) as one`);
  return row?.version ?? "0:0:";
}

/** `faqVersion` as a subquery, to read it with other things in one statement. */
export const faqVersionSql = (workspaceId: SQL | string) =>
  sql<string>`(select count(*) || ':' || count(*) filter (where versioned.active) || ':'
      || coalesce(sum(extract(epoch from versioned.updated_at))::text, '')
    from ${faqs} versioned where versioned.workspace_id = ${workspaceId})`;

export async function listActiveFaqs(db: Db, workspaceId: string) {
  return db
    .select({
      id: faqs.id,
      question: faqs.question,
      answer: faqs.answer,
      keywords: faqs.keywords,
      examples: faqs.examples,
      priority: faqs.priority,
    })
    .from(faqs)
    .where(and(eq(faqs.workspaceId, workspaceId), eq(faqs.active, true)));
}

/** Counts a match; the edit time is kept, so counting does not invalidate the matcher's cache. */
export async function recordFaqHit(db: Db, p: { workspaceId: string; faqId: string }) {
  await db
    .update(faqs)
    .set({
      hitCount: sql`${faqs.hitCount} + 1`,
      lastMatchedAt: new Date(),
      updatedAt: sql`${faqs.updatedAt}`,
    })
    .where(and(eq(faqs.id, p.faqId), eq(faqs.workspaceId, p.workspaceId)));
}
