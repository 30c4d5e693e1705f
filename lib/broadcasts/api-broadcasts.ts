import { z } from "zod";
import type { BroadcastProgress, BroadcastRow, RecipientRow } from "@/db/queries/broadcasts";
import { ApiError } from "@/lib/api/errors";
import { describeFailure } from "@/lib/whatsapp/failure-reasons";

/** A broadcast as the public API shows it, with its progress. */
export function broadcastResource(b: BroadcastRow, progress: BroadcastProgress) {
  return {
    id: b.id,
    name: b.name,
    status: b.status,
    channelId: b.channelId,
    template: {
      name: b.template.name,
      language: b.template.language,
      category: b.template.category,
    },
    audience: b.audience,
    scheduledAt: b.scheduledAt?.toISOString() ?? null,
    startedAt: b.startedAt?.toISOString() ?? null,
    finishedAt: b.finishedAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
    progress,
  };
}

/** One recipient: its status and, when it failed or was left out, why in words. */
export function recipientResource(r: RecipientRow) {
  const failed = r.status === "failed" || r.status === "skipped";
  const reason =
    failed && r.errorCode !== null ? describeFailure(r.errorCode, r.errorDetails) : null;
  return {
    id: r.id,
    contactId: r.contactId,
    name: r.name,
    phone: r.phone,
    status: r.status,
    error:
      failed && (r.errorCode !== null || r.errorDetails)
        ? {
            code: r.errorCode,
            title: r.status === "skipped" ? r.errorDetails : (reason?.title ?? r.errorDetails),
            details: r.errorDetails,
          }
        : null,
    updatedAt: r.statusAt?.toISOString() ?? null,
  };
}

// Recipients page by id: the cursor is the last id shown, opaque to clients.
export const encodeRecipientCursor = (id: string | null) =>
  id ? Buffer.from(JSON.stringify({ id }), "utf8").toString("base64url") : null;

export function decodeRecipientCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = z
      .object({ id: z.uuid() })
      .safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data.id;
  } catch {
    // Falls through: a cursor that is not JSON is as invalid as a wrong one.
  }
  throw new ApiError(
    "invalid_cursor",
    "The cursor is not valid. Use the nextCursor of a previous page.",
  );
}
