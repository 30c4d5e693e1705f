import type { Db } from "@/db";
import { listWorkspaceChannels } from "@/db/queries/channels";
import {
  applyContactImport,
  findContactsByWaIds,
  type ImportedContact,
  lockWorkspaceContacts,
} from "@/db/queries/contacts";
import type { ActionResult, WorkspaceActor } from "@/lib/auth/workspace";
import {
  type ContactImportRow,
  describeProblem,
  type ImportProblem,
  parseContactImport,
} from "./parse-import";
import { callingCodeOf } from "./phone";

const PREVIEW_ROWS = 200;
const PREVIEW_PROBLEMS = 100;

type Saved = Awaited<ReturnType<typeof findContactsByWaIds>>[number];
type Action = "create" | "update" | "unchanged" | "error";

export type ContactPreviewRow = {
  row: number;
  action: Action;
  phone: string;
  name: string | null;
  tags: string[];
  attributes: string[];
  optIn: ImportedContact["optIn"];
  optInSource: string | null;
  errors: string[];
};

export type ContactImportPreview = {
  counts: { create: number; update: number; unchanged: number };
  rowCount: number;
  problems: string[];
  problemCount: number;
  rows: ContactPreviewRow[];
  /** The country code assumed for phones written without one, if any. */
  callingCode: string | null;
};

type PlannedRow = ContactImportRow & {
  action: Action;
  id: string | null;
  merged: ImportedContact | null;
};

/**
 * What a row does to the saved contact with the same phone: an import adds — its tags join the
 * saved ones, its attributes are set beside the saved ones, an empty name or opt-in keeps the saved
 * one — so importing a list never loses what the team recorded.
 */
function merge(c: ImportedContact, saved: Saved | undefined): ImportedContact {
  if (!saved) return c;
  return {
    waId: c.waId,
    name: c.name ?? saved.name,
    tags: [...new Set([...saved.tags, ...c.tags])],
    attributes: { ...saved.attributes, ...c.attributes },
    optIn: c.optIn,
    optInSource: c.optInSource,
  };
}

const sameContact = (a: ImportedContact, s: Saved) =>
  a.name === s.name &&
  a.tags.length === s.tags.length &&
  a.tags.every((t, i) => t === s.tags[i]) &&
  JSON.stringify(a.attributes) === JSON.stringify(s.attributes) &&
  (a.optIn === null || (a.optIn === s.marketingOptIn && a.optInSource === s.marketingOptInSource));

function plan(rows: ContactImportRow[], saved: Saved[]) {
  const byWaId = new Map(saved.map((s) => [s.waId, s]));
  const counts = { create: 0, update: 0, unchanged: 0 };
  const planned = rows.map((r): PlannedRow => {
    if (!r.contact) return { ...r, action: "error", id: null, merged: null };
    const match = byWaId.get(r.contact.waId);
    const merged = merge(r.contact, match);
    const action = !match ? "create" : sameContact(merged, match) ? "unchanged" : "update";
    counts[action] += 1;
    return { ...r, action, id: match?.id ?? null, merged };
  });
  return { planned, counts };
}

async function callingCode(db: Db, workspaceId: string) {
  const [first] = await listWorkspaceChannels(db, workspaceId);
  return callingCodeOf(first?.displayPhoneNumber);
}

function toPreview(
  planned: PlannedRow[],
  counts: ContactImportPreview["counts"],
  problems: ImportProblem[],
  code: string | null,
): ContactImportPreview {
  return {
    counts,
    rowCount: planned.length,
    problems: problems.slice(0, PREVIEW_PROBLEMS).map(describeProblem),
    problemCount: problems.length,
    callingCode: code,
    rows: planned.slice(0, PREVIEW_ROWS).map((r) => ({
      row: r.row,
      action: r.action,
      phone: r.merged ? `+${r.merged.waId}` : r.phoneText,
      name: r.merged?.name ?? null,
      tags: r.merged?.tags ?? [],
      attributes: Object.entries(r.merged?.attributes ?? {}).map(([k, v]) => `${k}=${v}`),
      optIn: r.merged?.optIn ?? null,
      optInSource: r.merged?.optInSource ?? null,
      errors: r.errors,
    })),
  };
}

/** What importing `text` would do, and everything wrong with it; nothing is written. */
export async function previewContactImport(
  ctx: WorkspaceActor,
  input: { text: string },
): Promise<ActionResult<ContactImportPreview>> {
  const workspaceId = ctx.workspace.id;
  const code = await callingCode(ctx.db, workspaceId);
  const parsed = parseContactImport(input.text, code);
  const waIds = parsed.rows.flatMap((r) => (r.contact ? [r.contact.waId] : []));
  const saved = await findContactsByWaIds(ctx.db, { workspaceId, waIds });
  const { planned, counts } = plan(parsed.rows, saved);
  return { ok: true, data: toPreview(planned, counts, parsed.problems, code) };
}

/**
 * Imports the file in one transaction, planned against the contacts as they are inside it. A
 * file with any problem writes nothing: the answer names the first problems.
 */
export async function importContacts(
  ctx: WorkspaceActor,
  input: { text: string },
): Promise<ActionResult<ContactImportPreview["counts"]>> {
  const workspaceId = ctx.workspace.id;
  const parsed = parseContactImport(input.text, await callingCode(ctx.db, workspaceId));
  if (parsed.problems.length > 0) {
    const shown = parsed.problems
      .slice(0, 3)
      .map((p) => describeProblem(p).replace(/\.$/, ""))
      .join("; ");
    const more = parsed.problems.length > 3 ? ` (and ${parsed.problems.length - 3} more)` : "";
    return { ok: false, code: "invalid_file", message: `Nothing was imported. ${shown}${more}.` };
  }
  const counts = await ctx.db.transaction(async (tx) => {
    await lockWorkspaceContacts(tx, workspaceId);
    const waIds = parsed.rows.flatMap((r) => (r.contact ? [r.contact.waId] : []));
    const { planned, counts } = plan(
      parsed.rows,
      await findContactsByWaIds(tx, { workspaceId, waIds }),
    );
    const creates: ImportedContact[] = [];
    const updates: (ImportedContact & { id: string })[] = [];
    for (const r of planned) {
      if (r.action === "create" && r.merged) creates.push(r.merged);
      else if (r.action === "update" && r.merged && r.id) updates.push({ ...r.merged, id: r.id });
    }
    await applyContactImport(tx, { workspaceId, creates, updates, at: new Date() });
    return counts;
  });
  await ctx.audit("contact.imported", null, counts);
  return { ok: true, data: counts };
}
