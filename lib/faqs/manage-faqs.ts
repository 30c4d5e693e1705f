import type { Db } from "@/db";
import {
  createFaq,
  deleteFaq,
  getFaq,
  listFaqQuestions,
  lockWorkspaceFaqs,
  updateFaq,
} from "@/db/queries/faqs";
import { requestFaqEmbedding } from "@/inngest/dispatch";
import type { ActionResult, WorkspaceActor } from "@/lib/auth/workspace";
import { FAQ_LIMITS, type FaqFields, withoutQuestion } from "@/lib/validations/faq";
import { questionKey } from "./parse-import";

const NOT_FOUND = {
  ok: false,
  code: "not_found",
  message: "This FAQ does not exist any more. Reload the page.",
} as const;

const duplicate = {
  ok: false,
  code: "conflict",
  message: "Please correct the highlighted fields.",
  fieldErrors: { question: "question is already asked by another FAQ; edit that one instead" },
} as const;

// Questions are unique whatever their case, as the importer matches them; the database only
// enforces exact duplicates, so the rest is checked here.
async function questionTaken(db: Db, workspaceId: string, question: string, exceptId?: string) {
  const key = questionKey(question);
  const others = await listFaqQuestions(db, { workspaceId });
  return others.some((f) => f.id !== exceptId && questionKey(f.question) === key);
}

export async function createWorkspaceFaq(
  ctx: WorkspaceActor,
  input: FaqFields,
): Promise<ActionResult<{ id: string }>> {
  const workspaceId = ctx.workspace.id;
  const created = await ctx.db.transaction(async (tx) => {
    await lockWorkspaceFaqs(tx, workspaceId);
    if (await questionTaken(tx, workspaceId, input.question)) return null;
    return createFaq(tx, { workspaceId, ...input });
  });
  if (!created) return duplicate;
  await requestFaqEmbedding(ctx.db, workspaceId);
  await ctx.audit("faq.created", created.id, { question: created.question });
  return { ok: true, data: { id: created.id } };
}

export async function updateWorkspaceFaq(
  ctx: WorkspaceActor,
  { id, ...input }: FaqFields & { id: string },
): Promise<ActionResult<{ id: string }>> {
  const workspaceId = ctx.workspace.id;
  const result = await ctx.db.transaction(async (tx) => {
    await lockWorkspaceFaqs(tx, workspaceId);
    const before = await getFaq(tx, { workspaceId, id });
    if (!before) return NOT_FOUND;
    if (await questionTaken(tx, workspaceId, input.question, id)) return duplicate;
    const updated = await updateFaq(tx, { workspaceId, id, ...input });
    return updated ? { before, updated } : NOT_FOUND;
  });
  if ("ok" in result) return result;
  const { before, updated } = result;
  const changed = (
    ["question", "answer", "keywords", "examples", "priority", "active"] as const
  ).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(updated[k]));
  await requestFaqEmbedding(ctx.db, workspaceId);
  await ctx.audit("faq.updated", id, { question: updated.question, changed });
  return { ok: true, data: { id } };
}

export async function deleteWorkspaceFaq(
  ctx: WorkspaceActor,
  input: { id: string },
): Promise<ActionResult<null>> {
  const deleted = await deleteFaq(ctx.db, { workspaceId: ctx.workspace.id, id: input.id });
  if (!deleted) return NOT_FOUND;
  await ctx.audit("faq.deleted", deleted.id, { question: deleted.question });
  return { ok: true, data: null };
}

export async function setWorkspaceFaqActive(
  ctx: WorkspaceActor,
  input: { id: string; active: boolean },
): Promise<ActionResult<{ active: boolean }>> {
  const workspaceId = ctx.workspace.id;
  const faq = await getFaq(ctx.db, { workspaceId, id: input.id });
  if (!faq) return NOT_FOUND;
  if (faq.active === input.active) return { ok: true, data: { active: faq.active } };
  const updated = await updateFaq(ctx.db, { workspaceId, id: input.id, active: input.active });
  if (!updated) return NOT_FOUND;
  if (updated.active) await requestFaqEmbedding(ctx.db, workspaceId);
  await ctx.audit(input.active ? "faq.activated" : "faq.deactivated", updated.id, {
    question: updated.question,
  });
  return { ok: true, data: { active: updated.active } };
}

/**
 * Adds customers' wordings to an entry as other wordings of its question: those it has already
 * (whatever their case) are skipped, and no more are added than the entry holds.
 */
export async function addWorkspaceFaqExamples(
  ctx: WorkspaceActor,
  input: { id: string; examples: string[] },
): Promise<ActionResult<{ added: string[]; full: number }>> {
  const workspaceId = ctx.workspace.id;
  const result = await ctx.db.transaction(async (tx) => {
    await lockWorkspaceFaqs(tx, workspaceId);
    const faq = await getFaq(tx, { workspaceId, id: input.id });
    if (!faq) return null;
    const known = new Set(faq.examples.map((e) => e.toLowerCase()));
    const fresh = withoutQuestion(input.examples, faq.question).filter(
      (e) => !known.has(e.toLowerCase()),
    );
    const room = Math.max(0, FAQ_LIMITS.examples - faq.examples.length);
    const added = fresh.slice(0, room);
    if (added.length > 0) {
      await updateFaq(tx, { workspaceId, id: faq.id, examples: [...faq.examples, ...added] });
    }
    return { faq, added, full: fresh.length - added.length };
  });
  if (!result) return NOT_FOUND;
  if (result.added.length > 0) {
    await requestFaqEmbedding(ctx.db, workspaceId);
    await ctx.audit("faq.updated", result.faq.id, {
      question: result.faq.question,
      changed: ["examples"],
    });
  }
  return { ok: true, data: { added: result.added, full: result.full } };
}
