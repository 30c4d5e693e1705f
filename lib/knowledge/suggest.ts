import type { Db } from "@/db";
import { passagesForQuestion } from "./retrieve";

/** A passage that may answer a question customers asked, offered as a draft FAQ answer. */
export type KnowledgeDraft = {
  title: string;
  heading: string | null;
  pageUrl: string | null;
  text: string;
};

/**
 * For questions the bot could not answer, the passage of the workspace's knowledge that answers
 * each best (lexically, the same search the AI's grounding uses), keyed as given. A question
 * the knowledge says nothing about has none. Works without any AI provider.
 */
export async function knowledgeDrafts(
  db: Db,
  workspaceId: string,
  questions: readonly { key: string; text: string }[],
): Promise<Record<string, KnowledgeDraft>> {
  const drafts: Record<string, KnowledgeDraft> = {};
  for (const q of questions) {
    const [best] = await passagesForQuestion({ db }, { workspaceId, question: q.text });
    if (best) {
      drafts[q.key] = {
        title: best.title,
        heading: best.heading,
        pageUrl: best.pageUrl,
        text: best.text,
      };
    }
  }
  return drafts;
}
