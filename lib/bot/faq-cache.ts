import type { Db } from "@/db/client";
import { faqVersion, listActiveFaqs } from "@/db/queries/faqs";
import { createFaqIndex, type FaqIndex } from "./faq-match";
import { DEFAULT_INPUT_CHARS } from "./text";

type WorkspaceFaq = Awaited<ReturnType<typeof listActiveFaqs>>[number];
type Cached = { version: string; inputChars: number; index: FaqIndex<WorkspaceFaq> };

// Per bundle, not per process: an index holds functions and objects of the bundle that built it.
const cache = new Map<string, Cached>();
const MAX_WORKSPACES = 500;

/**
 * The workspace's FAQ index, rebuilt only when its FAQ changed (one cheap fingerprint query per
 * lookup), so every replica sees an edit on the next message. It reads at most `inputChars`
 * characters of a question.
 */
export async function getFaqIndex(
  db: Db,
  workspaceId: string,
  inputChars = DEFAULT_INPUT_CHARS,
  /** The fingerprint as the caller read it moments ago; read here when not given. */
  knownVersion?: string | null,
): Promise<FaqIndex<WorkspaceFaq>> {
  const version = knownVersion ?? (await faqVersion(db, workspaceId));
  const hit = cache.get(workspaceId);
  if (hit && hit.version === version && hit.inputChars === inputChars) {
    // Most recently used last, so the oldest is dropped first.
    cache.delete(workspaceId);
    cache.set(workspaceId, hit);
    return hit.index;
  }
  const index = createFaqIndex(await listActiveFaqs(db, workspaceId), { inputChars });
  cache.set(workspaceId, { version, inputChars, index });
  if (cache.size > MAX_WORKSPACES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return index;
}
