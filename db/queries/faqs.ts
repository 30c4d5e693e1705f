import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { faqs } from "../schema";

type FaqInput = { question: string; answer: string; keywords?: string[]; priority?: number };

// Upserts by question text within the workspace; FAQs not named are left as they are.
export async function upsertFaqs(db: Db, params: { workspaceId: string; faqs: FaqInput[] }) {
  if (params.faqs.length === 0) return;
  await db
    .insert(faqs)
    .values(params.faqs.map((f) => ({ workspaceId: params.workspaceId, ...f })))
    .onConflictDoUpdate({
      target: [faqs.workspaceId, faqs.question],
      set: {
        answer: sql`excluded.answer`,
        keywords: sql`excluded.keywords`,
        priority: sql`excluded.priority`,
        updatedAt: sql`now()`,
      },
    });
}

export async function listFaqs(db: Db, params: { workspaceId: string }) {
  return db
    .select({
      id: faqs.id,
      question: faqs.question,
      answer: faqs.answer,
      keywords: faqs.keywords,
      priority: faqs.priority,
      active: faqs.active,
    })
    .from(faqs)
    .where(eq(faqs.workspaceId, params.workspaceId))
    .orderBy(asc(faqs.createdAt), asc(faqs.id));
}
