import { z } from "zod";
import type { ContactRow } from "@/db/queries/contacts";
import { ApiError } from "@/lib/api/errors";
import {
  contactFieldsSchema,
  LAST_MESSAGE_FILTERS,
  OPT_IN_STATES,
} from "@/lib/validations/contact";

/** A contact as the public API shows it. */
export function contactResource(c: ContactRow) {
  return {
    id: c.id,
    phone: c.waId ? `+${c.waId}` : null,
    businessScopedUserId: c.businessScopedUserId,
    username: c.username,
    name: c.name,
    tags: c.tags,
    attributes: c.attributes,
    optIn: {
      status: c.marketingOptIn ?? "unknown",
      source: c.marketingOptInSource,
      at: c.marketingOptInAt?.toISOString() ?? null,
    },
    optedOut: c.optedOut,
    lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
    conversationId: c.conversationId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const EDITABLE = ["name", "tags", "attributes", "optIn"] as const;

const patchBody = z.record(z.string(), z.unknown(), { error: "The body must be a JSON object." });

/** A PATCH body: the fields given replace the stored ones; an unknown field is refused. */
export function contactPatch(body: unknown) {
  const changes = patchBody.parse(body);
  const unknown = Object.keys(changes).filter((k) => !(EDITABLE as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new ApiError(
      "bad_request",
      `Unknown field ${unknown.map((k) => `“${k}”`).join(", ")}: a contact's ${EDITABLE.join(", ")} can be changed (its phone cannot).`,
    );
  }
  return contactFieldsSchema.parse(changes);
}

/** The list's filters as query parameters. */
export const contactFilterQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  optIn: z.enum([...OPT_IN_STATES, "unknown"]).optional(),
  lastMessage: z.enum(LAST_MESSAGE_FILTERS).optional(),
});
