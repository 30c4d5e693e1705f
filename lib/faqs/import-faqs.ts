import { applyFaqImport, listFaqs, lockWorkspaceFaqs } from "@/db/queries/faqs";
import { requestFaqEmbedding } from "@/inngest/dispatch";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { describeProblem, parseFaqImport } from "./parse-import";
import { type ImportPlan, type PlannedRow, planFaqImport } from "./plan-import";

// What the preview sends to the browser: enough to judge the file, not the whole file back.
const PREVIEW_ROWS = 200;
const PREVIEW_PROBLEMS = 100;
const EXCERPT = 140;

export type ImportPreviewRow = {
  row: number;
  action: PlannedRow["action"];
  question: string;
  answer: string;
  keywords: string[];
  /** How many other wordings of the question the row gives. */
  examples: number;
  priority: number | null;
  active: boolean | null;
  errors: string[];
};

export type ImportPreview = {
  format: ImportPlan["format"];
  counts: ImportPlan["counts"];
  rowCount: number;
  problems: string[];
  problemCount: number;
  rows: ImportPreviewRow[];
};

export type ImportOutcome = ImportPlan["counts"];

function toPreview(plan: ImportPlan): ImportPreview {
  return {
    format: plan.format,
    counts: plan.counts,
    rowCount: plan.rows.length,
    problems: plan.problems.slice(0, PREVIEW_PROBLEMS).map(describeProblem),
    problemCount: plan.problems.length,
    rows: plan.rows.slice(0, PREVIEW_ROWS).map((r) => ({
      row: r.row,
      action: r.action,
      question: r.faq?.question ?? r.question,
      answer:
        r.faq && r.faq.answer.length > EXCERPT
          ? `${r.faq.answer.slice(0, EXCERPT)}…`
          : (r.faq?.answer ?? ""),
      keywords: r.faq?.keywords ?? [],
      examples: r.faq?.examples.length ?? 0,
      priority: r.faq?.priority ?? null,
      active: r.faq?.active ?? null,
      errors: r.errors,
    })),
  };
}

/** What importing `text` would do, and everything wrong with it; nothing is written. */
export async function previewFaqImport(
  ctx: WorkspaceContext,
  input: { text: string },
): Promise<ActionResult<ImportPreview>> {
  const parsed = parseFaqImport(input.text);
  const saved = await listFaqs(ctx.db, { workspaceId: ctx.workspace.id });
  return { ok: true, data: toPreview(planFaqImport(parsed, saved)) };
}

/**
 * Imports the file in one transaction, planned against the FAQs as they are inside it. A file
 * with any problem writes nothing: the answer names the first problems.
 */
export async function importWorkspaceFaqs(
  ctx: WorkspaceContext,
  input: { text: string },
): Promise<ActionResult<ImportOutcome>> {
  const workspaceId = ctx.workspace.id;
  const parsed = parseFaqImport(input.text);
  const plan = await ctx.db.transaction(async (tx) => {
    await lockWorkspaceFaqs(tx, workspaceId);
    const planned = planFaqImport(parsed, await listFaqs(tx, { workspaceId }));
    if (planned.problems.length > 0) return planned;
    const creates = [];
    const updates = [];
    for (const r of planned.rows) {
      if (r.action === "create" && r.faq) creates.push(r.faq);
      else if (r.action === "update" && r.faq && r.id) updates.push({ ...r.faq, id: r.id });
    }
    await applyFaqImport(tx, { workspaceId, creates, updates });
    return planned;
  });
  if (plan.problems.length > 0) {
    const shown = plan.problems
      .slice(0, 3)
      .map((p) => describeProblem(p).replace(/\.$/, ""))
      .join("; ");
    const more = plan.problems.length > 3 ? ` (and ${plan.problems.length - 3} more)` : "";
    return {
      ok: false,
      code: "invalid_file",
      message: `Nothing was imported. ${shown}${more}.`,
    };
  }
  await requestFaqEmbedding(ctx.db, workspaceId);
  await ctx.audit("faq.imported", null, { format: plan.format, ...plan.counts });
  return { ok: true, data: plan.counts };
}
