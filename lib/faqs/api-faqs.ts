import { z } from "zod";
import type { getFaq } from "@/db/queries/faqs";
import { ApiError } from "@/lib/api/errors";
import { updateFaqSchema } from "@/lib/validations/faq";

type StoredFaq = NonNullable<Awaited<ReturnType<typeof getFaq>>>;

/** An FAQ entry as the public API shows it. */
export function faqResource(faq: StoredFaq & { updatedAt?: Date }) {
  return {
    id: faq.id,
    question: faq.question,
    answer: faq.answer,
    keywords: faq.keywords,
    examples: faq.examples,
    priority: faq.priority,
    active: faq.active,
    hitCount: faq.hitCount,
    lastMatchedAt: faq.lastMatchedAt?.toISOString() ?? null,
    createdAt: faq.createdAt.toISOString(),
    ...(faq.updatedAt && { updatedAt: faq.updatedAt.toISOString() }),
  };
}

const EDITABLE = ["question", "answer", "keywords", "examples", "priority", "active"] as const;

const patchBody = z.record(z.string(), z.unknown(), { error: "The body must be a JSON object." });

/**
 * A PATCH body applied to the stored entry: the fields given replace the stored ones, and the
 * result is checked like a whole entry. An unknown field is refused, so a typo changes nothing.
 */
export function patchedFaq(stored: StoredFaq, body: unknown) {
  const changes = patchBody.parse(body);
  const unknown = Object.keys(changes).filter((k) => !(EDITABLE as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new ApiError(
      "bad_request",
      `Unknown field ${unknown.map((k) => `“${k}”`).join(", ")}: an FAQ has ${EDITABLE.join(", ")}.`,
    );
  }
  const current = Object.fromEntries(EDITABLE.map((k) => [k, stored[k]]));
  return updateFaqSchema.parse({ ...current, ...changes, id: stored.id });
}
